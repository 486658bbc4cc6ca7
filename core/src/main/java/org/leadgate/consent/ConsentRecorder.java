package org.leadgate.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.ConsentConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.PurposeConfig;
import org.leadgate.config.WordingConfig;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.consent.ledger.NewConsentEvent;
import org.leadgate.intake.Submission;
import org.leadgate.lead.Lead;
import org.leadgate.pipeline.Outcome;
import org.leadgate.storage.LeadStore;

/**
 * Records the consent a submission gives, in the transaction that accepts its lead: a ticked email box starts a
 * double opt-in (a {@code requested} event and a confirmation mail to send); a ticked phone or SMS box starts the
 * verification of the number (a {@code requested} event with basis {@code consent-documented} and an SMS with the
 * confirmation link to send), since a ticked box proves no more than that someone typed the number (law.md 9); a
 * ticked post box and an unticked box record nothing. Both kinds of confirmation are limited per address (one per
 * {@code consent.doi.resendInterval}) and per IP and hour. Calls to businesses may rest on presumed consent where the
 * purpose allows it, the form is for businesses and the address is no freemail address.
 */
public final class ConsentRecorder implements LeadStore.AcceptHook {
  private final GatewayConfig config;
  private final Ledger ledger;

  public ConsentRecorder(GatewayConfig config, Ledger ledger) {
    this.config = config;
    this.ledger = ledger;
  }

  @Override
  public List<Outcome.ConsentReply> accepted(Connection connection, LeadStore.Accept accept) throws SQLException {
    Submission submission = accept.submission();
    Lead lead = accept.lead();
    FormConfig form = config.form(lead.formId()).orElseThrow();
    Instant now = submission.receivedAt();
    Optional<String> email = form.firstOfType(FieldType.EMAIL).flatMap(f -> lead.value(f.name()));
    Optional<String> phone = form.firstOfType(FieldType.PHONE).flatMap(f -> lead.value(f.name()));
    // every lead is linked to its addresses, so that consent changes, exports and erasure find it
    if (email.isPresent()) {
      ConsentStore.linkLead(connection, lead.id(), ledger.keys().keyOf(Subject.email(email.get())),
          Subject.Kind.EMAIL);
    }
    if (phone.isPresent()) {
      ConsentStore.linkLead(connection, lead.id(), ledger.keys().keyOf(Subject.phone(phone.get())),
          Subject.Kind.PHONE);
    }
    List<Outcome.ConsentReply> replies = new ArrayList<>();
    boolean child = underMinimumAge(form, lead, now);
    for (FormConsentConfig box : form.consents()) {
      if (!ticked(submission.first(box.field()))) {
        continue;
      }
      if (child) {
        replies.add(new Outcome.ConsentReply(box.channel().id(), box.purpose(), "parental-consent-required"));
        continue;
      }
      Optional<String> address = box.channel() == Channel.EMAIL ? email : phone;
      if (address.isEmpty() || box.channel() == Channel.POST) {
        replies.add(new Outcome.ConsentReply(box.channel().id(), box.purpose(), "not-recorded-no-address"));
        continue;
      }
      Subject subject = box.channel() == Channel.EMAIL ? Subject.email(address.get()) : Subject.phone(address.get());
      String subjectKey = ledger.keys().keyOf(subject);
      WordingConfig wording = config.consent().wording(box.wording()).orElseThrow();
      Map<String, String> evidence = evidence(submission, form, address.get(), wording);
      replies.add(confirmation(connection, lead, subjectKey, box, evidence, now));
    }
    presumedB2bCalls(connection, form, lead, email, phone, now);
    return replies;
  }

  /** DSGVO Art. 8: below the form's minimum age a person cannot consent alone; no consent is recorded. */
  private static boolean underMinimumAge(FormConfig form, Lead lead, Instant now) {
    return form.minimumAge().flatMap(rule -> lead.value(rule.birthDateField())
            .map(birth -> java.time.LocalDate.parse(birth).plusYears(rule.years())
                .isAfter(now.atZone(java.time.ZoneOffset.UTC).toLocalDate())))
        .orElse(false);
  }

  private ConsentStatus statusOf(Connection connection, String subjectKey, Channel channel, String purpose)
      throws SQLException {
    ConsentState state = ConsentStates.of(ledger.eventsOf(connection, subjectKey))
        .get(new ConsentStates.Key(channel, purpose));
    return state == null ? ConsentStatus.NONE : state.status();
  }

  /** The IP as a keyed hash, so the rate limit can count requests without storing the address in clear. */
  private Optional<String> ipKey(String ip) {
    return Optional.ofNullable(ip).map(address -> ledger.keys().pseudonym("IP", address));
  }

  private static boolean ticked(Optional<String> value) {
    return value.map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes", "1", "ja" -> true;
      default -> false;
    }).orElse(false);
  }

  /**
   * Starts a confirmation by mail (email) or SMS (phone, SMS) unless the consent is confirmed already, a request is
   * still fresh, or the IP started too many of them within the hour.
   */
  private Outcome.ConsentReply confirmation(Connection connection, Lead lead, String subjectKey,
      FormConsentConfig box, Map<String, String> evidence, Instant now) throws SQLException {
    Channel channel = box.channel();
    boolean byMail = channel == Channel.EMAIL;
    String medium = byMail ? "mail" : "sms";
    ConsentStatus status = statusOf(connection, subjectKey, channel, box.purpose());
    if (status == ConsentStatus.CONFIRMED) {
      return new Outcome.ConsentReply(channel.id(), box.purpose(), "already-confirmed");
    }
    ConsentConfig consent = config.consent();
    Optional<Instant> open = ConsentStore.latestOpenRequest(connection, subjectKey, channel, box.purpose(), now);
    if (open.isPresent() && open.get().plus(consent.resendInterval()).isAfter(now)) {
      return new Outcome.ConsentReply(channel.id(), box.purpose(), "confirmation-" + medium + "-recently-sent");
    }
    Optional<String> ipKey = ipKey(evidence.get(Evidence.IP));
    if (ipKey.isPresent() && ConsentStore.requestsFromIp(connection, ipKey.get(),
        byMail ? Subject.Kind.EMAIL : Subject.Kind.PHONE, now.minus(Duration.ofHours(1)))
        >= (byMail ? consent.mailsPerIpPerHour() : consent.smsPerIpPerHour())) {
      return new Outcome.ConsentReply(channel.id(), box.purpose(), "rate-limited");
    }
    PurposeConfig purpose = consent.purpose(box.purpose()).orElseThrow();
    ConfirmationRequests.start(connection, ledger, new NewConsentEvent(now, subjectKey, channel, box.purpose(),
        Action.REQUESTED, ConfirmationRequests.basisOf(channel), new Evidence(evidence), Actor.form(lead.formId()),
        Optional.of(lead.id())), ConfirmationRequests.Mail.SIGN_UP, purpose.description(),
        now.plus(consent.tokenValidity()), ipKey);
    return new Outcome.ConsentReply(channel.id(), box.purpose(), "confirmation-" + medium + "-sent"
        + (status == ConsentStatus.WITHDRAWN || status == ConsentStatus.OBJECTED ? "-after-withdrawal" : ""));
  }

  /** UWG §7(2) Nr. 1: calls to businesses may rest on presumed consent; consumers and freemail never. */
  private void presumedB2bCalls(Connection connection, FormConfig form, Lead lead, Optional<String> email,
      Optional<String> phone, Instant now) throws SQLException {
    if (form.audience() != FormConfig.Audience.B2B || phone.isEmpty() || email.isEmpty()
        || Freemail.isFreemail(email.get())) {
      return;
    }
    for (PurposeConfig purpose : config.consent().purposes()) {
      boolean asked = form.consents().stream()
          .anyMatch(box -> box.channel() == Channel.PHONE && box.purpose().equals(purpose.id()));
      if (!purpose.presumedB2bPhone() || asked) {
        continue;
      }
      String subjectKey = ledger.keys().keyOf(Subject.phone(phone.get()));
      ledger.append(connection, List.of(new NewConsentEvent(now, subjectKey, Channel.PHONE, purpose.id(),
          Action.GRANTED, LegalBasis.PRESUMED_B2B, new Evidence(Map.of(Evidence.FORM_ID, form.id(),
              Evidence.NOTE, "business lead from a b2b form, email domain "
                  + email.get().substring(email.get().lastIndexOf('@') + 1))),
          Actor.system("presumed-b2b"), Optional.of(lead.id()))));
    }
  }

  private static Map<String, String> evidence(Submission submission, FormConfig form, String address,
      WordingConfig wording) {
    Map<String, String> items = new LinkedHashMap<>();
    items.put(Evidence.ADDRESS, address);
    submission.context().ip().ifPresent(ip -> items.put(Evidence.IP, ip));
    submission.context().userAgent().ifPresent(ua -> items.put(Evidence.USER_AGENT, ua));
    submission.context().pageUrl().ifPresent(url -> items.put(Evidence.PAGE_URL, url));
    items.put(Evidence.FORM_ID, form.id());
    items.put(Evidence.FORM_VERSION, FormVersion.of(form));
    items.put(Evidence.WORDING_ID, wording.id());
    items.put(Evidence.WORDING_SHA256, wording.sha256());
    return items;
  }
}
