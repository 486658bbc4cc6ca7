/**
 * Turns a LeadGate lead into Salesforce Lead field values: configured field names, picklist value maps, stage to
 * Status, score fields, provenance as JSON, required-field defaults and truncation to field lengths (reported, never
 * failing). {@link org.leadgate.crm.salesforce.mapping.LeadMapper} is the entry point.
 */
package org.leadgate.crm.salesforce.mapping;
