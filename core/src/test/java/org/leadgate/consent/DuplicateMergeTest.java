package org.leadgate.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.duplicates.engine.Deduplication;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.Outcome;
import org.leadgate.testing.Eventually;
import org.leadgate.testing.MutableClock;

/**
 * Duplicates and progressive profiling on a whole gateway (SQLite, the log target as CRM): a later submission of
 * the same person is merged into the first lead, the CRM keeps one record, consent is never widened, and an admin
 * can undo the merge.
 */
class DuplicateMergeTest {
  private static final String NEWSLETTER = "newsletter";
  /** How long the delivery worker may take over a round. */
  private static final Duration WORKER = Duration.ofSeconds(10);
  /** Two changes in the CRM, an hour apart, before the test's clock starts (at 09:00 UTC). */
  private static final Instant NINE = Instant.parse("2026-11-02T07:00:00Z");
  private static final Instant TEN = Instant.parse("2026-11-02T08:00:00Z");

  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
  private ConsentFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConsentFixture(directory, clock);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private Outcome.Accepted submit(Map<String, String> values) {
    return assertInstanceOf(Outcome.Accepted.class,
        fx.gateway.submit(fx.submission("contact", values, ConsentFixture.BROWSER)));
  }

  private static Map<String, String> values(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  private long merged() throws Exception {
    return fx.count("SELECT COUNT(*) FROM outbox WHERE status = 'merged'");
  }

  private long deliveriesOf(String leadId) throws Exception {
    return fx.count("SELECT COUNT(*) FROM outbox WHERE lead_id = ? AND status = 'delivered'", leadId);
  }

  @Test
  void a_later_submission_fills_the_gaps_of_the_first_lead_and_the_crm_keeps_one_record() throws Exception {
    fx.start();
    String first = submit(values("lastName", "Lovelace", "email", "ada@example.de")).leadId();
    fx.awaitCrm(first, crm -> crm.at("/fields/lastName").asText().equals("Lovelace"));
    clock.advance(Duration.ofDays(3));

    String second = submit(values("lastName", "King", "firstName", "Ada", "email", "ADA@example.de",
        "phone", "+49 30 1234567")).leadId();

    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").asText().equals("Ada")
        && crm.at("/fields/phone").asText().equals("+49301234567")
        && crm.at("/fields/lastName").asText().equals("King"));
    assertEquals(1, merged());
    assertEquals(0, deliveriesOf(second), "the CRM never gets the second lead as a record of its own");
    List<Deduplication.MergeRecord> merges = fx.gateway.duplicates().mergesOf(first);
    assertEquals(1, merges.size());
    Deduplication.MergeRecord merge = merges.get(0);
    assertEquals(second, merge.fromLead());
    assertEquals("email", merge.matchedOn());
    assertTrue(merge.merged().added().containsAll(List.of("firstName", "phone")));
    assertEquals("lastName", merge.merged().conflicts().get(0).field(), "two typed names: the newest is kept");
    assertEquals("Lovelace", merge.merged().conflicts().get(0).previous().value(), "and the old one recorded");
    assertEquals(merges, fx.gateway.duplicates().mergesOf(second), "both leads show the merge");
  }

  /** A CRM webhook's submission about record {@code recordId} as it was at {@code changedAt}. */
  private Outcome.Accepted changeFromCrm(String recordId, Map<String, String> values, Instant changedAt) {
    Submission form = fx.submission("contact", values, Submission.RequestContext.NONE);
    return assertInstanceOf(Outcome.Accepted.class, fx.gateway.submit(new Submission(form.formId(),
        form.receivedAt(), form.contentType(), form.body(), form.values(), Optional.empty(),
        Submission.RequestContext.NONE, Optional.of(recordId), Optional.of(changedAt))));
  }

  private Outcome.Accepted changeFromCrm(Map<String, String> values, Instant changedAt) {
    return changeFromCrm("00Q1", values, changedAt);
  }

  /** Starts the gateway and delivers the change of record 00Q1 made at ten: Ada's name is King, at {@code email}. */
  private String deliveredKingAtTen(String email) throws Exception {
    fx.start();
    String lead = changeFromCrm(values("lastName", "King", "email", email), TEN).leadId();
    fx.awaitCrm(lead, crm -> crm.at("/fields/lastName").asText().equals("King"));
    return lead;
  }

  private String crmRecordOf(String leadId) throws Exception {
    return fx.rows("SELECT crm_record_id FROM outbox WHERE lead_id = ?", leadId).get(0).get(0);
  }

  /**
   * Signs {@code email} up for the newsletter and confirms it, once the delivery worker has looked the new lead up
   * (it owns its match keys or was merged): a lead queued again before its first round (here by the confirmation)
   * is never looked up, a known limit.
   */
  private String signUpAndConfirmOnceLookedUp(String email, String phone) throws Exception {
    String lead = fx.submit("contact", email, phone, "newsletterOptIn").leadId();
    Eventually.await("the first round over " + lead, WORKER,
        () -> fx.count("SELECT COUNT(*) FROM lead_keys WHERE lead_id = ?", lead)
            + fx.count("SELECT COUNT(*) FROM outbox WHERE lead_id = ? AND status = 'merged'", lead) > 0);
    assertInstanceOf(ConsentService.LinkState.Valid.class,
        fx.gateway.consent().confirm(fx.awaitMail(email).confirmToken(), ConsentFixture.click()));
    return lead;
  }

  @Test
  void an_older_crm_change_arriving_after_a_newer_one_keeps_the_newer_values_and_records_the_older()
      throws Exception {
    String newer = deliveredKingAtTen("ada@example.de");
    clock.advance(Duration.ofMinutes(5));

    String older = changeFromCrm(values("lastName", "Lovelace", "firstName", "Ada", "email", "ada@example.de"),
        NINE).leadId();

    fx.awaitCrm(newer, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    Deduplication.MergeRecord merge = fx.gateway.duplicates().mergesOf(newer).get(0);
    assertEquals(older, merge.fromLead());
    assertEquals("King", merge.merged().lead().value("lastName").orElseThrow(),
        "the value the record had at ten stays, though nine's arrived later");
    assertEquals("Lovelace", merge.merged().conflicts().get(0).previous().value(), "nine's is recorded");
    assertEquals(TEN, merge.merged().conflicts().get(0).kept().provenance().at());
  }

  @Test
  void an_older_change_of_a_crm_record_meets_the_newer_one_by_the_record_even_with_another_address()
      throws Exception {
    String newer = deliveredKingAtTen("ada.king@example.de");

    String older = changeFromCrm(values("lastName", "Lovelace", "email", "ada@example.de"), NINE).leadId();

    Eventually.await("one merge", WORKER, () -> merged() == 1);
    Deduplication.MergeRecord merge = fx.gateway.duplicates().mergesOf(newer).get(0);
    assertEquals(older, merge.fromLead());
    assertEquals("crm", merge.matchedOn());
    assertEquals("ada.king@example.de", merge.merged().lead().value("email").orElseThrow(),
        "the address the record had at ten stays");
    assertEquals(0, deliveriesOf(older), "the older change is never written to the record on its own");
  }

  @Test
  void a_lead_without_a_crm_record_takes_the_record_of_a_crm_change_merged_into_it() throws Exception {
    fx.start();
    String first = submit(values("lastName", "Lovelace", "email", "ada@example.de")).leadId();
    fx.awaitCrm(first, crm -> crm.at("/fields/lastName").asText().equals("Lovelace"));
    assertEquals(null, crmRecordOf(first), "the log target tells no record id");
    clock.advance(Duration.ofMinutes(5));

    changeFromCrm("00Q7", values("lastName", "Lovelace", "firstName", "Ada", "email", "ada@example.de"),
        clock.instant().minusSeconds(30));

    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    assertEquals("00Q7", crmRecordOf(first), "so its next delivery updates that record instead of adding one");
  }

  @Test
  void a_merge_never_widens_consent_an_old_withdrawal_stays_and_only_a_newer_grant_counts() throws Exception {
    fx.start();
    String first = signUpAndConfirmOnceLookedUp("ada@example.de", null);
    assertTrue(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted());
    clock.advance(Duration.ofDays(1));
    fx.gateway.consent().end(Subject.email("ada@example.de"), Channel.EMAIL, Optional.of(NEWSLETTER), false,
        Actor.admin("test"), Map.of());
    clock.advance(Duration.ofDays(1));

    submit(values("lastName", "Lovelace", "firstName", "Ada", "email", "ada@example.de"));
    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    assertFalse(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted(),
        "a submission without the box does not bring back the withdrawn newsletter");

    clock.advance(Duration.ofDays(1));
    signUpAndConfirmOnceLookedUp("ada@example.de", null);
    assertTrue(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted(), "a newer confirmed grant counts");
    assertEquals(2, merged());
  }

  @Test
  void a_fuzzy_match_with_another_address_does_not_carry_the_old_address_consent_over() throws Exception {
    fx.replace("crm:\n", "duplicates:\n  fuzzy: { enabled: true, fields: [lastName, firstName, phone] }\ncrm:\n");
    fx.start();
    String first = signUpAndConfirmOnceLookedUp("ada@example.de", "+49 30 1234567");
    fx.gateway.submit(fx.submission("contact", values("lastName", "Lovelace", "firstName", "Ada",
        "email", "ada@example.de", "phone", "+49 30 1234567"), ConsentFixture.BROWSER));
    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    assertTrue(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted());
    clock.advance(Duration.ofDays(2));

    submit(values("lastName", "Lovelace", "firstName", "Ada", "email", "ada.lovelace@other.example",
        "phone", "030 1234567"));

    fx.awaitCrm(first, crm -> crm.at("/fields/email").asText().equals("ada.lovelace@other.example"));
    assertEquals("person", fx.gateway.duplicates().mergesOf(first).get(1).matchedOn());
    assertFalse(fx.permission(first, Channel.EMAIL, NEWSLETTER).permitted(),
        "the lead now carries the new address, which never granted the newsletter");
    assertTrue(fx.permission(first, Channel.EMAIL, NEWSLETTER).status() == ConsentStatus.NONE);
  }

  @Test
  void an_admin_undoes_a_merge_and_both_leads_go_to_the_crm_as_their_own_records() throws Exception {
    fx.start();
    String first = submit(values("lastName", "Lovelace", "email", "ada@example.de")).leadId();
    fx.awaitCrm(first, crm -> crm.at("/fields/lastName").asText().equals("Lovelace"));
    String second = submit(values("lastName", "Lovelace", "firstName", "Ada", "email", "ada@example.de")).leadId();
    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    String mergeId = fx.gateway.duplicates().mergesOf(first).get(0).id();
    clock.advance(Duration.ofMinutes(5));

    assertEquals(new Deduplication.UndoOutcome.Undone(first, second), fx.gateway.duplicates().undo(mergeId));

    fx.awaitCrm(second, crm -> crm.at("/fields/firstName").asText().equals("Ada"));
    fx.awaitCrm(first, crm -> crm.at("/fields/firstName").isMissingNode());
    assertEquals(0, merged());
    assertEquals(Optional.of(clock.instant()), fx.gateway.duplicates().mergesOf(first).get(0).undoneAt());
    assertEquals(new Deduplication.UndoOutcome.AlreadyUndone(clock.instant()), fx.gateway.duplicates().undo(mergeId));
    assertInstanceOf(Deduplication.UndoOutcome.NotFound.class,
        fx.gateway.duplicates().undo("00000000-0000-0000-0000-000000000000"));
  }
}
