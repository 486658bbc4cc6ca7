/**
 * Request templates over the lead: JSON bodies, header values and URL paths whose placeholders ({@code {{fields.email}}},
 * {@code {{consent.email.newsletter.permitted}}}, {@code {{scoring.stage | lifecycle}}}) name values of the lead as
 * {@link org.leadgate.lead.LeadJson} shapes it. Placeholders are checked against that vocabulary when the template is
 * parsed; nothing in a template is executed. The entry point is {@link org.leadgate.crm.generic.template.TemplateParser}.
 */
package org.leadgate.crm.generic.template;
