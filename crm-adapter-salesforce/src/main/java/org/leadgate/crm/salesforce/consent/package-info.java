/**
 * Consent write-back. {@code simple} mode writes flags on the Lead ({@code HasOptedOutOfEmail}, {@code DoNotCall},
 * configured checkboxes and dates) with every save, so a withdrawal always overrides Salesforce's value;
 * {@code full} mode also upserts Salesforce's consent objects (Individual, ContactPointEmail/Phone,
 * ContactPointTypeConsent per purpose) after the Lead, in collections.
 */
package org.leadgate.crm.salesforce.consent;
