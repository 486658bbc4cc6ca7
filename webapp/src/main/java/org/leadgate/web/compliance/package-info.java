/**
 * The compliance API over HTTP (role {@code compliance}): {@code GET /api/consents} (consent export as CSV, JSON
 * or NDJSON), {@code GET /api/subjects/proof}, {@code GET /api/subjects/export}, {@code POST /api/subjects/erase}
 * and {@code GET /api/audit}. The servlets parse, authorise and write; the logic is in
 * {@link org.leadgate.consent.compliance}.
 */
package org.leadgate.web.compliance;
