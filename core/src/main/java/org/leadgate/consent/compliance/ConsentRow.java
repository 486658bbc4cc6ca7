package org.leadgate.consent.compliance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.consent.Evidence;
import org.leadgate.consent.ledger.ConsentEvent;

/**
 * One consent event as a row of an export. Items that come from the evidence are {@code null} when the event has
 * no such item or its evidence was shredded.
 *
 * @param time ISO-8601 in UTC
 * @param formId the form the event was captured through (its evidence, its actor or its lead), if any
 */
public record ConsentRow(
    long seq,
    String time,
    String subjectKey,
    String address,
    String channel,
    String purpose,
    String action,
    String legalBasis,
    String actor,
    String leadId,
    String formId,
    String wordingId,
    String wordingSha256,
    String ip,
    String userAgent,
    String pageUrl,
    String mailMessageId,
    String hash) {

  /** The CSV header, in column order. */
  public static final List<String> CSV_HEADER = List.of("seq", "time", "subject_key", "address", "channel",
      "purpose", "action", "legal_basis", "actor", "lead_id", "form_id", "wording_id", "wording_sha256", "ip",
      "user_agent", "page_url", "mail_message_id", "hash");

  /** The JSON member names, in the same order as {@link #CSV_HEADER}. */
  public static final List<String> JSON_NAMES = List.of("seq", "time", "subjectKey", "address", "channel",
      "purpose", "action", "legalBasis", "actor", "leadId", "formId", "wordingId", "wordingSha256", "ip",
      "userAgent", "pageUrl", "mailMessageId", "hash");

  static ConsentRow of(ConsentEvent event, Optional<String> formId) {
    Map<String, String> items = event.evidence().map(Evidence::items).orElse(Map.of());
    return new ConsentRow(event.seq(), event.at().toString(), event.subjectKey(), items.get(Evidence.ADDRESS),
        event.channel().id(), event.purpose(), event.action().id(), event.basis().id(), event.actor().toString(),
        event.leadId().orElse(null), formId.orElse(null), items.get(Evidence.WORDING_ID),
        items.get(Evidence.WORDING_SHA256), items.get(Evidence.IP), items.get(Evidence.USER_AGENT),
        items.get(Evidence.PAGE_URL), items.get(Evidence.MAIL_MESSAGE_ID), event.hash());
  }

  /** The values in column order ({@code null} where absent). */
  public List<String> cells() {
    return new ArrayList<>(Arrays.asList(Long.toString(seq), time, subjectKey, address, channel, purpose, action,
        legalBasis, actor, leadId, formId, wordingId, wordingSha256, ip, userAgent, pageUrl, mailMessageId, hash));
  }
}
