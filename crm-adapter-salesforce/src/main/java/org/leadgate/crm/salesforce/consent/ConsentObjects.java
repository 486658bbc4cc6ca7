package org.leadgate.crm.salesforce.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentStatus;
import org.leadgate.consent.Permissions;
import org.leadgate.crm.salesforce.api.SalesforceApi;
import org.leadgate.crm.salesforce.collections.CollectionRequest;
import org.leadgate.crm.salesforce.collections.CollectionWriter;
import org.leadgate.crm.salesforce.collections.RecordErrors;
import org.leadgate.crm.salesforce.collections.RecordOutcome;
import org.leadgate.crm.salesforce.mapping.MappedDelivery;
import org.leadgate.crm.salesforce.mapping.MappingSettings;
import org.leadgate.lead.Lead;
import org.leadgate.spi.DeliveryResult;

/**
 * Turns saved leads into delivery results, writing Salesforce's consent objects first in {@code full} mode. For the
 * leads of one batch that takes two calls: the Individuals (upsert by the consent external id, key: the lead id),
 * then one Composite call with the Lead links ({@code IndividualId}), ContactPointEmail, ContactPointPhone and one
 * ContactPointTypeConsent per configured purpose the lead has a consent for (all upserts, so a repeated delivery
 * updates instead of duplicating). A lead whose consent objects fail is retried or rejected like its Lead would be:
 * the Lead itself stays saved, and a later attempt writes both again.
 */
public final class ConsentObjects {
  /** Linking a Lead to its Individual must not run the lead assignment rules again. */
  private static final Map<String, String> NO_ASSIGNMENT = Map.of("Sforce-Auto-Assign", "FALSE");

  private final ConsentSettings settings;
  private final CollectionWriter writer;
  private final DataUsePurposes purposes;
  private final Clock clock;

  public ConsentObjects(ConsentSettings settings, CollectionWriter writer, SalesforceApi api, Clock clock) {
    this.settings = settings;
    this.writer = writer;
    this.purposes = new DataUsePurposes(api, settings.purposes());
    this.clock = clock;
  }

  /** One result per delivery: delivered to its record when saved (and, in full mode, its consent objects were). */
  public List<DeliveryResult> settle(List<MappedDelivery> batch, List<RecordOutcome> outcomes) {
    List<DeliveryResult> results = new ArrayList<>(outcomes.stream().map(RecordErrors::result).toList());
    List<Integer> saved = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof RecordOutcome.Saved) {
        saved.add(i);
      }
    }
    if (settings.mode() == ConsentSettings.Mode.FULL && !saved.isEmpty()) {
      write(batch, outcomes, saved, results);
    }
    return results;
  }

  private void write(List<MappedDelivery> batch, List<RecordOutcome> outcomes, List<Integer> saved,
      List<DeliveryResult> results) {
    DataUsePurposes.Resolution resolution = purposes.resolve();
    if (resolution instanceof DataUsePurposes.Resolution.Failed failed) {
      saved.forEach(i -> results.set(i, notWritten(results.get(i), "DataUsePurpose", failed.result())));
      return;
    }
    Map<String, String> purposeIds = ((DataUsePurposes.Resolution.Resolved) resolution).idsByPurpose();

    List<ObjectNode> individuals = saved.stream().map(i -> individual(batch.get(i))).toList();
    List<RecordOutcome> parties = writer.send(
        CollectionRequest.upsert("Individual", settings.externalIdField(), individuals), Map.of());
    Map<Integer, String> partyIds = new LinkedHashMap<>();
    for (int k = 0; k < saved.size(); k++) {
      int index = saved.get(k);
      if (parties.get(k) instanceof RecordOutcome.Saved party) {
        partyIds.put(index, party.id());
      } else {
        results.set(index, notWritten(results.get(index), "Individual", RecordErrors.result(parties.get(k))));
      }
    }

    Owned links = new Owned("Lead");
    Owned emails = new Owned("ContactPointEmail");
    Owned phones = new Owned("ContactPointPhone");
    Owned consents = new Owned("ContactPointTypeConsent");
    Instant now = clock.instant();
    partyIds.forEach((index, partyId) -> {
      MappedDelivery lead = batch.get(index);
      links.add(index, CollectionRequest.record("Lead",
          values("Id", ((RecordOutcome.Saved) outcomes.get(index)).id(), "IndividualId", partyId)));
      lead.mapped().text("Email").ifPresent(email -> emails.add(index, CollectionRequest.record(emails.type,
          values(settings.externalIdField(), lead.leadId() + ":email", "ParentId", partyId,
              "EmailAddress", email, "IsPrimary", true))));
      lead.mapped().text("Phone").ifPresent(phone -> phones.add(index, CollectionRequest.record(phones.type,
          values(settings.externalIdField(), lead.leadId() + ":phone", "ParentId", partyId,
              "TelephoneNumber", phone, "IsPrimary", true))));
      for (Permissions.Permission permission : lead.delivery().lead().permissions().entries()) {
        String purposeId = purposeIds.get(permission.purpose());
        if (purposeId != null) {
          consents.add(index, consent(lead.delivery().lead(), permission, partyId, purposeId, now));
        }
      }
    });
    List<Owned> groups = List.of(links, emails, phones, consents);
    List<List<RecordOutcome>> answers = writer.sendTogether(NO_ASSIGNMENT, List.of(
        CollectionRequest.update(links.records),
        CollectionRequest.upsert(emails.type, settings.externalIdField(), emails.records),
        CollectionRequest.upsert(phones.type, settings.externalIdField(), phones.records),
        CollectionRequest.upsert(consents.type, settings.externalIdField(), consents.records)));
    for (int g = 0; g < groups.size(); g++) {
      Owned group = groups.get(g);
      for (int k = 0; k < group.owners.size(); k++) {
        RecordOutcome outcome = answers.get(g).get(k);
        if (!(outcome instanceof RecordOutcome.Saved)) {
          int index = group.owners.get(k);
          results.set(index, notWritten(results.get(index), group.type, RecordErrors.result(outcome)));
        }
      }
    }
  }

  /** Records of one object type with the batch index of the lead each belongs to. */
  private static final class Owned {
    final String type;
    final List<Integer> owners = new ArrayList<>();
    final List<ObjectNode> records = new ArrayList<>();

    Owned(String type) {
      this.type = type;
    }

    void add(int owner, ObjectNode record) {
      owners.add(owner);
      records.add(record);
    }
  }

  private ObjectNode individual(MappedDelivery lead) {
    Map<String, Object> values = values(settings.externalIdField(), lead.leadId(),
        "LastName", lead.mapped().text("LastName").orElse(MappingSettings.NOT_PROVIDED),
        "FirstName", lead.mapped().text("FirstName").orElse(null),
        "HasOptedOutSolicit", lead.delivery().lead().permissions().entries().stream().noneMatch(
            Permissions.Permission::permitted));
    return CollectionRequest.record("Individual", values);
  }

  /**
   * One ContactPointTypeConsent: captured when the lead came in, through its form; effective from when its current
   * status began (the grant, confirmation or withdrawal in LeadGate's ledger; the delivery time when it has none);
   * a confirmed (double opt-in) consent gets its confirmation time as DoubleConsentCaptureDate.
   */
  private ObjectNode consent(Lead lead, Permissions.Permission permission, String partyId, String purposeId,
      Instant now) {
    String source = settings.captureSource().replace("{formId}", lead.formId());
    Map<String, Object> values = values(
        settings.externalIdField(), lead.id() + ":" + permission.channel().id() + ":" + permission.purpose(),
        "Name", truncate("LeadGate " + permission.channel().id() + "/" + permission.purpose()),
        "PartyId", partyId,
        "DataUsePurposeId", purposeId,
        "ContactPointType", contactPointType(permission.channel()),
        "CaptureContactPointType", "Web",
        "PrivacyConsentStatus", privacyStatus(permission.status()),
        "CaptureDate", lead.receivedAt().toString(),
        "CaptureSource", truncate(source),
        "EffectiveFrom", permission.since().orElse(now).toString(),
        "DoubleConsentCaptureDate",
        permission.status() == ConsentStatus.CONFIRMED ? permission.since().orElse(now).toString() : null);
    return CollectionRequest.record("ContactPointTypeConsent", values);
  }

  private static String contactPointType(Channel channel) {
    return switch (channel) {
      case EMAIL -> "Email";
      case PHONE, SMS -> "Phone";
      case POST -> "MailingAddress";
    };
  }

  /** Permitted: OptIn; a pending confirmation: Seen; never asked: NotSeen; withdrawn, objected, expired: OptOut. */
  private static String privacyStatus(ConsentStatus status) {
    return switch (status) {
      case CONFIRMED, GRANTED -> "OptIn";
      case REQUESTED -> "Seen";
      case NONE -> "NotSeen";
      case WITHDRAWN, OBJECTED, EXPIRED -> "OptOut";
    };
  }

  /**
   * The lead's result once one of its consent objects failed with {@code failure} (a retry or a rejection): the
   * first failure is kept, except that a rejection outweighs a retry.
   */
  private static DeliveryResult notWritten(DeliveryResult current, String object, DeliveryResult failure) {
    boolean retry = failure instanceof DeliveryResult.Retry;
    if (current instanceof DeliveryResult.Rejected || (retry && current instanceof DeliveryResult.Retry)) {
      return current;
    }
    String saved = current instanceof DeliveryResult.Delivered delivered
        ? "Lead saved as " + delivered.crmRecordId().orElse("?") + " but its consent objects were not: " : "";
    if (failure instanceof DeliveryResult.Retry passing) {
      return new DeliveryResult.Retry(saved + object + ": " + passing.reason(), passing.retryAfter());
    }
    return DeliveryResult.rejected(saved + object + ": " + ((DeliveryResult.Rejected) failure).reason());
  }

  private static String truncate(String text) {
    return text.length() <= 255 ? text : text.substring(0, 255);
  }

  private static Map<String, Object> values(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }
}
