package org.leadgate.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.PurposeConfig;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.consent.ledger.Ledger;
import org.leadgate.scoring.funnel.LeadScoring;
import org.leadgate.consent.ledger.NewConsentEvent;
import org.leadgate.consent.ledger.Verification;
import org.leadgate.storage.LeadStore;
import org.leadgate.storage.Transactions;

/**
 * Consent after intake: confirming a double opt-in or a phone number (the link in the mail or SMS), withdrawing and
 * objecting (by link or API), recording uses, and what consent permits for a lead. Every change of a consent queues
 * its leads for a new delivery to the CRM.
 */
public final class ConsentService {
  private final GatewayConfig config;
  private final Ledger ledger;
  private final Transactions transactions;
  private final LeadStore leads;
  private final Clock clock;
  private final Runnable onChange;

  /** @param onChange called after a consent change queued leads for delivery (wakes the delivery worker) */
  public ConsentService(GatewayConfig config, Ledger ledger, Transactions transactions, LeadStore leads,
      Clock clock, Runnable onChange) {
    this.config = config;
    this.ledger = ledger;
    this.transactions = transactions;
    this.leads = leads;
    this.clock = clock;
    this.onChange = onChange;
  }

  /** What a confirmation or withdrawal link leads to. */
  public sealed interface LinkState {
    /**
     * The link works; {@code purpose} describes what the person confirms or withdraws over {@code channel} (a link
     * from an SMS confirms a phone or SMS consent).
     */
    record Valid(String purpose, Channel channel) implements LinkState {}

    /** The confirmation link was already used (confirming twice changes nothing). */
    record AlreadyUsed() implements LinkState {}

    record Expired() implements LinkState {}

    record Unknown() implements LinkState {}
  }

  /** Looks at a confirmation link without changing anything (link scanners may fetch it). */
  public LinkState confirmation(String token) throws SQLException {
    if (!Tokens.wellFormed(token)) {
      return new LinkState.Unknown();
    }
    return transactions.read(connection -> confirmationState(connection, token, clock.instant()));
  }

  private LinkState confirmationState(Connection connection, String token, Instant now) throws SQLException {
    Optional<ConsentStore.DoiRequest> request = ConsentStore.doiRequest(connection, Tokens.hash(token));
    if (request.isEmpty()) {
      return new LinkState.Unknown();
    }
    if (request.get().usedAt().isPresent()) {
      return new LinkState.AlreadyUsed();
    }
    if (!request.get().expiresAt().isAfter(now) || !stillRenewable(connection, request.get())) {
      return new LinkState.Expired();
    }
    return new LinkState.Valid(describe(request.get().purpose()), request.get().channel());
  }

  /**
   * A re-permission renews consent that still permits: once that consent was withdrawn, objected to or blocked, its
   * link confirms nothing (a new sign-up, with its own double opt-in, can). A sign-up's link is not affected.
   */
  private boolean stillRenewable(Connection connection, ConsentStore.DoiRequest request) throws SQLException {
    List<ConsentEvent> events = ledger.eventsOf(connection, request.subjectKey());
    if (events.stream().noneMatch(e -> e.action() == Action.STALE && asks(e, request))) {
      return true;
    }
    ConsentState state = ConsentStates.of(events).get(new ConsentStates.Key(request.channel(), request.purpose()));
    return state != null && state.status().permits();
  }

  /** Whether the event asked for this confirmation: its evidence names the request's mail or SMS. */
  private static boolean asks(ConsentEvent event, ConsentStore.DoiRequest request) {
    return event.evidence().isPresent() && request.messageId().equals(
        event.evidence().get().items().get(ConfirmationRequests.messageIdKey(request.channel())));
  }

  /**
   * Confirms a double opt-in, a re-permission or a phone number: records {@code confirmed} with who clicked and when
   * and which message carried the link (for a phone number: basis {@code consent-documented} with the SMS's ids,
   * when it was sent and its content version), which renews the consent (its staleness and the phone proof's
   * retention count from here), and updates the CRM.
   */
  public LinkState confirm(String token, Map<String, String> clickEvidence) throws SQLException {
    if (!Tokens.wellFormed(token)) {
      return new LinkState.Unknown();
    }
    LinkState result = transactions.write(connection -> {
      ledger.lock(connection); // before the reads it decides on
      Instant now = clock.instant();
      LinkState state = confirmationState(connection, token, now);
      if (!(state instanceof LinkState.Valid)) {
        return state;
      }
      ConsentStore.DoiRequest request = ConsentStore.doiRequest(connection, Tokens.hash(token)).orElseThrow();
      if (!ConsentStore.useRequest(connection, request.tokenHash(), now)) {
        return new LinkState.AlreadyUsed();
      }
      ConsentEvent asking = ledger.eventsOf(connection, request.subjectKey()).stream()
          .filter(e -> (e.action() == Action.REQUESTED || e.action() == Action.STALE) && asks(e, request))
          .findFirst().orElseThrow(() -> new IllegalStateException("a DOI request without the event that asked"));
      Map<String, String> evidence = new LinkedHashMap<>(asking.evidence().orElseThrow().items());
      evidence.remove(Evidence.IP);
      evidence.remove(Evidence.USER_AGENT);
      evidence.remove(Evidence.PAGE_URL);
      evidence.remove(Evidence.NOTE);
      if (asking.action() == Action.STALE) {
        evidence.put(Evidence.NOTE, "re-permission of stale consent");
      }
      evidence.putAll(clickEvidence);
      boolean byMail = request.channel() == Channel.EMAIL;
      if (!byMail) {
        evidence.put(Evidence.NOTE, "phone number verified: the link in the SMS to it was confirmed");
      }
      request.sentAt().ifPresent(sent -> evidence.put(byMail ? Evidence.MAIL_SENT_AT : Evidence.SMS_SENT_AT,
          sent.toString()));
      request.contentVersion().ifPresent(version -> evidence.put(byMail ? Evidence.MAIL_CONTENT_VERSION
          : Evidence.SMS_CONTENT_VERSION, version));
      request.gatewayMessageId().ifPresent(id -> evidence.put(Evidence.SMS_GATEWAY_MESSAGE_ID, id));
      ledger.append(connection, List.of(new NewConsentEvent(now, request.subjectKey(), request.channel(),
          request.purpose(), Action.CONFIRMED, ConfirmationRequests.basisOf(request.channel()), new Evidence(evidence),
          Actor.person(), Optional.of(request.leadId()))));
      List<String> confirmedLeads = ConsentStore.leadsOf(connection, request.subjectKey());
      LeadScoring.recordConfirmed(connection, confirmedLeads, request.channel().id(), request.purpose(), now);
      leads.requeue(connection, confirmedLeads, now);
      return state;
    });
    if (result instanceof LinkState.Valid) {
      onChange.run();
    }
    return result;
  }

  /** Looks at a withdrawal link without changing anything. */
  public LinkState withdrawal(String token) throws SQLException {
    if (!Tokens.wellFormed(token)) {
      return new LinkState.Unknown();
    }
    return transactions.read(connection -> ConsentStore.withdrawTarget(connection, Tokens.hash(token))
        .<LinkState>map(target -> new LinkState.Valid(describe(target.purpose()), target.channel()))
        .orElse(new LinkState.Unknown()));
  }

  /** Withdraws through a link from a mail: as easy as granting, one click (RFC 8058). */
  public LinkState withdraw(String token, Map<String, String> clickEvidence) throws SQLException {
    if (!Tokens.wellFormed(token)) {
      return new LinkState.Unknown();
    }
    LinkState result = transactions.write(connection -> {
      Optional<ConsentStore.WithdrawTarget> target = ConsentStore.withdrawTarget(connection, Tokens.hash(token));
      if (target.isEmpty()) {
        return new LinkState.Unknown();
      }
      end(connection, target.get().subjectKey(), target.get().channel(), target.get().purpose(), Action.WITHDRAWN,
          new Evidence(clickEvidence), Actor.person());
      return new LinkState.Valid(describe(target.get().purpose()), target.get().channel());
    });
    if (result instanceof LinkState.Valid) {
      onChange.run();
    }
    return result;
  }

  /**
   * Ends consent on a person's or CRM's word (API): {@code withdrawn}, or {@code objected} (DSGVO Art. 21), for
   * one purpose or, with an empty purpose, all purposes of the channel.
   *
   * @return the purposes that were ended
   */
  public List<String> end(Subject subject, Channel channel, Optional<String> purpose, boolean objection,
      Actor actor, Map<String, String> evidence) throws SQLException {
    List<String> purposes = purpose.map(List::of)
        .orElseGet(() -> config.consent().purposes().stream().map(PurposeConfig::id).toList());
    transactions.write(connection -> {
      String subjectKey = ledger.keys().keyOf(subject);
      for (String each : purposes) {
        Map<String, String> items = new LinkedHashMap<>(evidence);
        items.put(Evidence.ADDRESS, subject.value());
        end(connection, subjectKey, channel, each, objection ? Action.OBJECTED : Action.WITHDRAWN,
            new Evidence(items), actor);
      }
      return null;
    });
    onChange.run();
    return purposes;
  }

  private void end(Connection connection, String subjectKey, Channel channel, String purpose, Action action,
      Evidence evidence, Actor actor) throws SQLException {
    Instant now = clock.instant();
    ledger.append(connection, List.of(new NewConsentEvent(now, subjectKey, channel, purpose, action,
        LegalBasis.NONE, evidence, actor, Optional.empty())));
    leads.requeue(connection, ConsentStore.leadsOf(connection, subjectKey), now);
  }

  /**
   * Records the existing-customer exception for email (UWG §7(3)): the address was obtained with a sale
   * ({@code saleReference}) and is used for own similar products. Any withdrawal or objection ends it for good.
   */
  public void grantExistingCustomer(Subject subject, String purpose, String saleReference, Actor actor)
      throws SQLException {
    transactions.write(connection -> {
      Instant now = clock.instant();
      String subjectKey = ledger.keys().keyOf(subject);
      ledger.append(connection, List.of(new NewConsentEvent(now, subjectKey, Channel.EMAIL, purpose,
          Action.GRANTED, LegalBasis.EXISTING_CUSTOMER, new Evidence(Map.of(Evidence.ADDRESS, subject.value(),
              Evidence.NOTE, "sale " + saleReference)), actor, Optional.empty())));
      leads.requeue(connection, ConsentStore.leadsOf(connection, subjectKey), now);
      return null;
    });
    onChange.run();
  }

  /** Records a use of a consent (a call made), which pushes the proof's retention out (UWG §7a). */
  public void use(Subject subject, Channel channel, String purpose, Actor actor) throws SQLException {
    transactions.write(connection -> ledger.append(connection, List.of(new NewConsentEvent(clock.instant(),
        ledger.keys().keyOf(subject), channel, purpose, Action.USED, LegalBasis.NONE,
        new Evidence(Map.of(Evidence.ADDRESS, subject.value())), actor, Optional.empty()))));
  }

  /**
   * What consent permits for a lead now, for every channel and purpose the configuration asks about, and which
   * permitting consents are stale (unused for {@code consent.retention.staleAfter}).
   */
  public Permissions permissionsFor(String leadId) throws SQLException {
    return transactions.read(connection -> {
      Instant now = clock.instant();
      Map<String, Map<ConsentStates.Key, ConsentState>> bySubject = new LinkedHashMap<>();
      Map<Subject.Kind, String> subjectOfKind = new LinkedHashMap<>();
      for (String[] subject : ConsentStore.subjectsOf(connection, leadId)) {
        subjectOfKind.put(Subject.Kind.valueOf(subject[1]), subject[0]);
        bySubject.put(subject[0], ConsentStates.of(ledger.eventsOf(connection, subject[0])));
      }
      List<Permissions.Permission> entries = new ArrayList<>();
      for (ConsentStates.Key key : askedFor()) {
        Subject.Kind kind = key.channel() == Channel.EMAIL ? Subject.Kind.EMAIL : Subject.Kind.PHONE;
        ConsentState state = Optional.ofNullable(subjectOfKind.get(kind)).map(bySubject::get)
            .map(states -> states.get(key)).orElse(null);
        entries.add(state == null
            ? new Permissions.Permission(key.channel(), key.purpose(), ConsentStatus.NONE, LegalBasis.NONE, false)
            : new Permissions.Permission(key.channel(), key.purpose(), state.status(), state.basis(),
                state.unusedFor(config.consent().staleAfter(), now), Optional.of(state.since())));
      }
      return new Permissions(entries);
    });
  }

  /** Every channel and purpose some form asks for, or presumed consent may cover. */
  private Set<ConsentStates.Key> askedFor() {
    Set<ConsentStates.Key> keys = new LinkedHashSet<>();
    for (FormConfig form : config.forms()) {
      for (FormConsentConfig box : form.consents()) {
        keys.add(new ConsentStates.Key(box.channel(), box.purpose()));
      }
    }
    for (PurposeConfig purpose : config.consent().purposes()) {
      if (purpose.presumedB2bPhone()) {
        keys.add(new ConsentStates.Key(Channel.PHONE, purpose.id()));
      }
    }
    return keys;
  }

  /** A subject's events, with evidence while it is kept. */
  public List<ConsentEvent> eventsOf(Subject subject) throws SQLException {
    return transactions.read(connection -> ledger.eventsOf(connection, ledger.keys().keyOf(subject)));
  }

  /** Walks the ledger in one transaction that writes nothing, so that PostgreSQL streams it with a cursor. */
  public Verification verify() throws SQLException {
    return transactions.read(connection -> {
      connection.setAutoCommit(false);
      try {
        return ledger.verify(connection);
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    });
  }

  private String describe(String purpose) {
    return config.consent().purpose(purpose).map(PurposeConfig::description).orElse(purpose);
  }
}
