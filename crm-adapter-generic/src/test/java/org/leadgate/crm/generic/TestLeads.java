package org.leadgate.crm.generic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.LegalBasis;
import org.leadgate.consent.Permissions;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.lead.Provenance;
import org.leadgate.scoring.LeadScore;
import org.leadgate.scoring.Score;
import org.leadgate.scoring.Stage;
import org.leadgate.scoring.StageDecision;
import org.leadgate.spi.Delivery;

/** Leads and deliveries for tests. */
public final class TestLeads {
  public static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  private TestLeads() {}

  /** A lead with typed fields, given as name, value, name, value, …. */
  public static Lead lead(String id, String... namesAndValues) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], new FieldValue(namesAndValues[i + 1], Provenance.typed("contact", NOW)));
    }
    return new Lead(id, "contact", NOW, fields);
  }

  /** The lead with one more consent entry. */
  public static Lead withConsent(Lead lead, Channel channel, String purpose, ConsentStatus status, LegalBasis basis) {
    List<Permissions.Permission> entries = new ArrayList<>(lead.permissions().entries());
    entries.add(new Permissions.Permission(channel, purpose, status, basis, false));
    return lead.withPermissions(new Permissions(entries));
  }

  /** The lead scored at the given stage. */
  public static Lead scored(Lead lead, int fit, int behaviour, String stage) {
    Score score = new Score(fit, behaviour, fit + behaviour, Optional.of("B"), Optional.empty(), List.of());
    return lead.withScore(new LeadScore(score,
        new StageDecision(new Stage(stage, OptionalInt.empty()), Optional.empty(), Optional.empty())));
  }

  /** A first delivery of a lead the CRM does not know yet, keyed {@code <id>:crm}. */
  public static Delivery delivery(Lead lead) {
    return new Delivery(lead, lead.id() + ":crm", 1);
  }

  /** A delivery of a lead the CRM knows as {@code crmRecordId}. */
  public static Delivery delivery(Lead lead, String crmRecordId) {
    return new Delivery(lead, lead.id() + ":crm:2", 1, Optional.of(crmRecordId));
  }
}
