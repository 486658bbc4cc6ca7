package org.leadgate.duplicates.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.leadgate.intake.Submission;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.storage.Backend;
import org.leadgate.storage.Database;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Sql;
import org.leadgate.storage.Transactions;
import org.leadgate.testing.MutableClock;

/**
 * The deduplication step on its own, round by round, on a real SQLite store: which lead owns which key after a
 * merge, leads from two CRM records, and what an undo gives back.
 */
class DeduplicationTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  @TempDir
  Path directory;

  private final MutableClock clock = new MutableClock(T0);
  private Database database;
  private LeadStore leads;
  private Deduplication deduplication;

  @BeforeEach
  void open() throws Exception {
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(new ByteArrayInputStream("""
        dataDirectory: %s
        duplicates:
          fuzzy: { enabled: true, fields: [lastName, phone] }
        forms:
          - id: contact
            fields:
              - { name: email, type: email, required: true }
              - { name: lastName, type: text }
              - { name: phone, type: phone }
        """.formatted(directory).getBytes(StandardCharsets.UTF_8)), "test")
        .withStorage(Backend.SQLITE.freshDatabase(directory));
    database = Database.open(config.storage());
    Transactions transactions = new Transactions(database);
    leads = new LeadStore(database, "fake");
    deduplication = new Deduplication(config, transactions, leads, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** Stores a lead with these typed values, from the CRM record {@code crmRecord} if given; answers its id. */
  private String store(Optional<String> crmRecord, String... pairs) throws SQLException {
    Provenance typed = Provenance.typed("contact", clock.instant());
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], new FieldValue(pairs[i + 1], typed));
    }
    Submission submission = new Submission("contact", clock.instant(), "application/json", "{}", Map.of(),
        Optional.empty(), Submission.RequestContext.NONE, crmRecord, Optional.empty());
    Lead lead = new Lead(UUID.randomUUID().toString(), "contact", clock.instant(), fields);
    return leads.acceptAll(List.of(new LeadStore.Accept(submission, lead))).get(0).leadId();
  }

  /** One round of the step over the leads due now; answers the ids it keeps for delivery. */
  private List<String> round() throws SQLException {
    List<LeadStore.PendingDelivery> due = leads.due(clock.instant(), 100);
    return deduplication.plan(due).prepare(due).stream().map(pending -> pending.lead().id()).toList();
  }

  /** One round over {@code pending} as given (its fields changed since it was stored, say by enrichment). */
  private List<String> round(LeadStore.PendingDelivery pending) throws SQLException {
    return deduplication.plan(List.of(pending)).prepare(List.of(pending)).stream()
        .map(p -> p.lead().id()).toList();
  }

  private String ownerOf(String matchKey) throws SQLException {
    try (Connection connection = database.dataSource().getConnection()) {
      return Sql.column(connection, "SELECT lead_id FROM lead_keys WHERE key_hash = ?",
          DuplicateStore.hash(matchKey)).stream().findFirst().orElse(null);
    }
  }

  private String outbox(String column, String leadId) throws SQLException {
    try (Connection connection = database.dataSource().getConnection()) {
      return Sql.column(connection, "SELECT " + column + " FROM outbox WHERE lead_id = ?", leadId).get(0);
    }
  }

  private LeadStore.PendingDelivery pending(String leadId) throws SQLException {
    return leads.due(clock.instant(), 100).stream().filter(p -> p.lead().id().equals(leadId)).findFirst()
        .orElseThrow();
  }

  @Test
  void aLeadMergedInALaterRoundHandsAllItsKeysOnSoNoLaterLeadIsMergedIntoAMergedLead() throws SQLException {
    String ada = store(Optional.empty(), "email", "ada@example.de", "lastName", "Lovelace", "phone", "+49301111");
    String grace = store(Optional.empty(), "email", "grace@example.de", "lastName", "Hopper", "phone", "+49302222");
    assertEquals(List.of(ada, grace), round());
    assertEquals(grace, ownerOf("email:grace@example.de"));
    clock.set(T0.plusSeconds(60));

    Provenance typed = Provenance.typed("contact", clock.instant());
    LeadStore.PendingDelivery regraded = pending(grace);
    Lead changed = regraded.lead().withField("lastName", new FieldValue("Lovelace", typed))
        .withField("phone", new FieldValue("+49301111", typed));
    assertEquals(List.of(), round(regraded.with(changed)), "its person key is now Ada's: merged into her lead");

    assertEquals(ada, ownerOf("email:grace@example.de"), "the address it took in the first round moves too");
    assertEquals(ada, ownerOf("person:hopper|+49302222"), "and so does its old person key");
    String later = store(Optional.empty(), "email", "grace@example.de", "lastName", "Hopper");
    assertEquals(List.of(ada), round(), "a later lead with that address is merged into a lead that is delivered");
    assertEquals("merged", outbox("status", later));
    assertEquals(2, deduplication.mergesOf(ada).size());

    Deduplication.MergeRecord ofGrace = deduplication.mergesOf(ada).stream()
        .filter(merge -> merge.fromLead().equals(grace)).findFirst().orElseThrow();
    assertInstanceOf(Deduplication.UndoOutcome.Undone.class, deduplication.undo(ofGrace.id()));
    assertEquals(grace, ownerOf("person:hopper|+49302222"), "an undo gives the keys back");
  }

  @Test
  void leadsFromTwoCrmRecordsWithOneAddressStayTwoLeads() throws SQLException {
    String x = store(Optional.of("00QX"), "email", "ada@example.de", "lastName", "Lovelace");
    assertEquals(List.of(x), round());
    clock.set(T0.plusSeconds(60));

    String y = store(Optional.of("00QY"), "email", "ada@example.de", "lastName", "Lovelace");

    assertEquals(List.of(x, y), round(), "not merged: the CRM has two records");
    assertEquals("00QY", outbox("crm_record_id", y));
    assertEquals(x, ownerOf("email:ada@example.de"));
    assertEquals(y, ownerOf("crm:00QY"), "so the next change of 00QY meets it");
    assertEquals(List.of(), deduplication.mergesOf(x));
  }

  @Test
  void anUndoTakesBackTheCrmRecordTheMergedIntoLeadAdopted() throws SQLException {
    String form = store(Optional.empty(), "email", "ada@example.de", "lastName", "Lovelace");
    assertEquals(List.of(form), round());
    clock.set(T0.plusSeconds(60));
    String fromCrm = store(Optional.of("00Q7"), "email", "ada@example.de", "lastName", "King");

    assertEquals(List.of(form), round(), "merged within the round");
    assertEquals("00Q7", outbox("crm_record_id", form));
    Deduplication.MergeRecord merge = deduplication.mergesOf(form).get(0);
    assertEquals("email", merge.matchedOn());
    assertEquals(form, ownerOf("crm:00Q7"));

    deduplication.undo(merge.id());

    assertEquals(null, outbox("crm_record_id", form), "the form's lead creates its own record again");
    assertEquals("00Q7", outbox("crm_record_id", fromCrm));
    assertEquals(fromCrm, ownerOf("crm:00Q7"));
  }
}
