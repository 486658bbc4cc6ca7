/**
 * Scoring in a running gateway: behaviour events (from forms, consent boxes and {@code POST /api/events}) and
 * stages in storage, the delivery stage that scores each lead and decides its stage before the CRM sees it, and the
 * stage the CRM sets.
 */
package org.leadgate.scoring.funnel;
