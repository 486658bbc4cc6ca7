package org.leadgate.duplicates;

import org.leadgate.lead.FieldValue;

/**
 * Two different values a person typed for one field: the newer is {@code kept}, the older is {@code previous}, so
 * an admin can see what was overwritten (or never taken).
 */
public record Conflict(String field, FieldValue kept, FieldValue previous) {}
