package org.leadgate.crm.salesforce;

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
import org.leadgate.scoring.BuyingRole;
import org.leadgate.scoring.LeadScore;
import org.leadgate.scoring.Reason;
import org.leadgate.scoring.Score;
import org.leadgate.scoring.Stage;
import org.leadgate.scoring.StageDecision;
import org.leadgate.spi.Delivery;

/** Leads and deliveries for tests. */
final class TestLeads {
  static final Instant RECEIVED = Instant.parse("2026-01-05T08:30:00Z");

  private TestLeads() {}

  /** A typed lead from the {@code contact} form with these fields. */
  static Lead lead(String id, Map<String, String> fields) {
    Map<String, FieldValue> values = new LinkedHashMap<>();
    fields.forEach((name, value) -> values.put(name, new FieldValue(value, Provenance.typed("contact", RECEIVED))));
    return new Lead(id, "contact", RECEIVED, values);
  }

  /** A complete lead: first and last name, company and a unique email. */
  static Lead person(String id) {
    return lead(id, Map.of("firstName", "Ada", "lastName", "Lovelace", "company", "Analytical Engines Ltd",
        "email", id + "@example.com"));
  }

  static Delivery delivery(Lead lead) {
    return new Delivery(lead, lead.id() + ":crm", 1);
  }

  static Delivery update(Lead lead, String salesforceId) {
    return new Delivery(lead, lead.id() + ":crm", 1, Optional.of(salesforceId));
  }

  static List<Delivery> people(String prefix, int count) {
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deliveries.add(delivery(person(prefix + "-" + i)));
    }
    return deliveries;
  }

  static Permissions.Permission permission(Channel channel, String purpose, ConsentStatus status) {
    LegalBasis basis = !status.permits() ? LegalBasis.NONE
        : status == ConsentStatus.CONFIRMED ? LegalBasis.CONSENT_DOI : LegalBasis.PRESUMED_B2B;
    return new Permissions.Permission(channel, purpose, status, basis, false);
  }

  static LeadScore mql(int fit, int behaviour, Instant mqlAt) {
    Score score = new Score(fit, behaviour, fit + behaviour, Optional.of("A"), Optional.of(BuyingRole.DECIDER),
        List.of(new Reason("job-title", fit), new Reason("pricing-visit", behaviour)));
    return new LeadScore(score, new StageDecision(new Stage("mql", OptionalInt.of(50)), Optional.of(mqlAt),
        Optional.of(mqlAt.plusSeconds(86_400))));
  }
}
