package org.leadgate.crm.generic.template;

/** What a JSON template does with an object property whose placeholders find nothing in the lead. */
public enum Missing {
  /** Leave the property out, so that the CRM keeps what it has. */
  OMIT,
  /** Send {@code null}, which most CRMs take as "clear this value". */
  NULL
}
