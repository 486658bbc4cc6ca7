package org.leadgate.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leadgate.consent.Permissions;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.lead.Provenance.Source;

class ProfileMergeTest {
  private static final Instant FIRST = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant LATER = FIRST.plus(Duration.ofDays(14));
  private static final Instant NOW = LATER.plus(Duration.ofSeconds(1));

  private static FieldValue typed(String value, Instant at) {
    return new FieldValue(value, Provenance.typed("contact", at));
  }

  private static FieldValue enriched(String value, Instant at) {
    return new FieldValue(value, new Provenance(Source.PROVIDER, "provider:pdl", at, 0.8));
  }

  private static Lead existing(Map<String, FieldValue> fields) {
    return new Lead("lead-1", "contact", FIRST, fields);
  }

  private static Lead incoming(Map<String, FieldValue> fields) {
    return new Lead("lead-2", "webinar", LATER, fields);
  }

  @Test
  void a_later_submission_fills_the_gaps_of_the_profile() {
    Lead existing = existing(Map.of("email", typed("ada@acme.de", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("email", typed("ada@acme.de", LATER),
        "companySize", typed("50-199", LATER), "interest", typed("", LATER))), NOW);

    assertEquals(typed("50-199", LATER), merged.lead().fields().get("companySize"));
    assertEquals(Set.of("companySize"), merged.added());
    assertEquals(Set.of("email", "companySize"), merged.lead().fields().keySet());
    assertEquals(Map.of(), merged.replaced());
    assertEquals(List.of(), merged.conflicts());
    assertEquals(NOW, merged.at());
  }

  @Test
  void the_lead_keeps_its_identity_permissions_and_score() {
    Lead existing = existing(Map.of("email", typed("ada@acme.de", FIRST))).withPermissions(Permissions.NONE);
    Lead incoming = incoming(Map.of("phone", typed("+49301234567", LATER)));
    Lead merged = ProfileMerge.merge(existing, incoming, NOW).lead();

    assertEquals(List.of("lead-1", "contact", FIRST), List.of(merged.id(), merged.formId(), merged.receivedAt()));
    assertSame(existing.permissions(), merged.permissions());
    assertEquals(Optional.empty(), merged.score());
  }

  @Test
  void a_typed_value_replaces_an_enriched_one() {
    Lead existing = existing(Map.of("company", enriched("Acme Corp", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("company", typed("Acme GmbH", LATER))), NOW);

    assertEquals(typed("Acme GmbH", LATER), merged.lead().fields().get("company"));
    assertEquals(Map.of("company", enriched("Acme Corp", FIRST)), merged.replaced());
    assertEquals(List.of(), merged.conflicts());
  }

  @Test
  void an_enriched_value_never_replaces_a_typed_one_however_new() {
    Lead existing = existing(Map.of("company", typed("Acme GmbH", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("company", enriched("Acme Corp", LATER))), NOW);

    assertEquals(existing, merged.lead());
    assertEquals(Map.of(), merged.replaced());
  }

  @Test
  void a_typed_confirmation_of_an_enriched_value_makes_it_typed() {
    Lead existing = existing(Map.of("city", enriched("Berlin", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("city", typed("Berlin", LATER))), NOW);

    assertEquals(typed("Berlin", LATER), merged.lead().fields().get("city"));
  }

  @Test
  void a_different_enriched_value_from_the_same_kind_of_source_does_not_replace_the_existing_one() {
    Lead existing = existing(Map.of("industry", enriched("Software", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("industry", enriched("IT", LATER))), NOW);

    assertEquals(existing, merged.lead());
  }

  @Test
  void conflicting_typed_values_keep_the_newest_and_record_the_old() {
    Lead existing = existing(Map.of("jobTitle", typed("Developer", FIRST)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("jobTitle", typed("CTO", LATER))), NOW);

    assertEquals(typed("CTO", LATER), merged.lead().fields().get("jobTitle"));
    assertEquals(List.of(new Conflict("jobTitle", typed("CTO", LATER), typed("Developer", FIRST))),
        merged.conflicts());
    assertEquals(Map.of("jobTitle", typed("Developer", FIRST)), merged.replaced());
  }

  @Test
  void an_older_typed_value_arriving_late_loses_but_is_recorded() {
    Lead existing = existing(Map.of("jobTitle", typed("CTO", LATER)));
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("jobTitle", typed("Developer", FIRST))), NOW);

    assertEquals(existing, merged.lead());
    assertEquals(List.of(new Conflict("jobTitle", typed("CTO", LATER), typed("Developer", FIRST))),
        merged.conflicts());
    assertEquals(Map.of(), merged.replaced());
  }

  @Test
  void equal_typed_values_keep_the_original_provenance() {
    FieldValue phone = new FieldValue("+49301234567", Provenance.typed("contact", FIRST),
        Optional.of("030 1234567"), List.of());
    Lead existing = existing(Map.of("phone", phone));
    FieldValue retyped = new FieldValue("+49301234567", Provenance.typed("webinar", LATER),
        Optional.of("+49 30 1234567"), List.of());
    Merged merged = ProfileMerge.merge(existing, incoming(Map.of("phone", retyped)), NOW);

    assertSame(phone, merged.lead().fields().get("phone"));
    assertEquals(List.of(), merged.conflicts());
    assertEquals(Map.of(), merged.replaced());
  }

  @Test
  void undo_restores_the_existing_lead_exactly() {
    Lead existing = existing(Map.of("email", typed("ada@acme.de", FIRST), "jobTitle", typed("Developer", FIRST),
        "company", enriched("Acme Corp", FIRST), "industry", typed("Software", FIRST)));
    Lead incoming = incoming(Map.of("jobTitle", typed("CTO", LATER), "company", typed("Acme GmbH", LATER),
        "companySize", typed("50-199", LATER), "industry", enriched("IT", LATER)));
    Merged merged = ProfileMerge.merge(existing, incoming, NOW);

    assertEquals(Set.of("jobTitle", "company"), merged.replaced().keySet());
    Lead undone = ProfileMerge.undo(merged.lead(), incoming, merged);
    assertEquals(existing.fields(), undone.fields());
    assertEquals(List.copyOf(existing.fields().keySet()), List.copyOf(undone.fields().keySet()));
  }

  @Test
  void undo_keeps_a_value_that_changed_after_the_merge() {
    Lead existing = existing(Map.of("email", typed("ada@acme.de", FIRST), "jobTitle", typed("Developer", FIRST)));
    Lead incoming = incoming(Map.of("jobTitle", typed("CTO", LATER), "phone", typed("+4930123456", LATER)));
    Merged merged = ProfileMerge.merge(existing, incoming, NOW);
    Lead changedSince = merged.lead().withField("jobTitle", typed("CEO", NOW));

    Lead undone = ProfileMerge.undo(changedSince, incoming, merged);

    assertEquals("CEO", undone.value("jobTitle").orElseThrow(), "a later value is not rolled back");
    assertTrue(undone.value("phone").isEmpty(), "the field the merge added is gone");
  }
}
