/**
 * Calls to the Salesforce REST API: one {@link org.leadgate.crm.salesforce.api.SalesforceApi} sends an
 * {@link org.leadgate.crm.salesforce.api.ApiCall} with the current session (renewed once on 401), reads the API
 * usage header into {@link org.leadgate.crm.salesforce.api.ApiUsage} and turns whole-call failures into delivery
 * results; Salesforce's error objects are read as {@link org.leadgate.crm.salesforce.api.SalesforceError}.
 */
package org.leadgate.crm.salesforce.api;
