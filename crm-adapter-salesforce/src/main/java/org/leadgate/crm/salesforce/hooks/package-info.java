/**
 * What the Salesforce adapter's inbound hooks share: Salesforce ids compared on their 15-character form, the
 * standard Lead fields with their Web-to-Lead parameters, the mapping of incoming names to the target form's fields.
 */
package org.leadgate.crm.salesforce.hooks;
