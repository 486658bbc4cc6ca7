package org.leadgate.consent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.leadgate.consent.ledger.SubjectKeys;
import org.leadgate.storage.Transactions;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends confirmation messages as soon as their request is committed (woken by intake; the retention job's requests
 * within the idle wait): double opt-in and re-permission mails by the mail courier, phone number verifications by
 * the SMS courier. A message that failed for a passing reason (mail server or SMS gateway down, 5xx, timeout) is
 * tried again with backoff, up to {@value #MAX_ATTEMPTS} times; a permanent failure is given up at once. Once a
 * message is out, the links it carries are deleted from storage.
 */
public final class ConfirmationSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmationSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 10;

  private final Transactions transactions;
  private final SubjectKeys keys;
  private final Courier mail;
  private final Courier sms;
  private final URI baseUrl;
  private final Clock clock;
  private final PollingLoop loop = new PollingLoop("leadgate-confirmation-sender", Duration.ofSeconds(1),
      Duration.ofSeconds(10), this::runOnce,
      e -> LOG.warn("event=confirmation.poll_failed error={}", e.getClass().getName()));

  /**
   * @param mail sends the requests of email consent
   * @param sms sends the requests of phone and SMS consent
   * @param baseUrl the gateway's public URL, which the links point to
   */
  public ConfirmationSender(Transactions transactions, SubjectKeys keys, Courier mail,
      Courier sms, URI baseUrl, Clock clock) {
    this.transactions = transactions;
    this.keys = keys;
    this.mail = mail;
    this.sms = sms;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public void start() {
    loop.start();
  }

  public void wake() {
    loop.wake();
  }

  /** Sends every confirmation message that is due; answers how many were tried. */
  public int runOnce() throws SQLException {
    int tried = 0;
    for (ConsentStore.DoiRequest request : transactions.read(c -> ConsentStore.dueRequests(c, clock.instant(), 50))) {
      send(request);
      tried++;
    }
    return tried;
  }

  private void send(ConsentStore.DoiRequest request) throws SQLException {
    Courier courier = request.channel() == Channel.EMAIL ? mail : sms;
    Optional<Map<String, String>> payload = transactions.read(connection -> request.payload()
        .flatMap(sealed -> {
          try {
            return keys.open(connection, request.subjectKey(), sealed);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }))
        .map(ConfirmationSender::parse);
    if (payload.isEmpty()) {
      retry(request, courier, new Courier.Delivery.Failed(true, "the request's data was erased"));
      return;
    }
    Map<String, String> values = payload.get();
    ConfirmationRequests.Mail kind = Optional.ofNullable(values.get(ConfirmationRequests.MAIL))
        .map(ConfirmationRequests.Mail::valueOf).orElse(ConfirmationRequests.Mail.SIGN_UP);
    Courier.Delivery delivery = courier.deliver(new Courier.Parcel(request.messageId(),
        values.get(ConfirmationRequests.ADDRESS), values.get(ConfirmationRequests.PURPOSE),
        link(baseUrl, "confirm", values.get(ConfirmationRequests.CONFIRM_TOKEN)),
        Optional.ofNullable(values.get(ConfirmationRequests.WITHDRAW_TOKEN))
            .map(token -> link(baseUrl, "withdraw", token)),
        kind));
    if (delivery instanceof Courier.Delivery.Sent sent) {
      Instant sentAt = clock.instant();
      transactions.write(c -> {
        ConsentStore.sent(c, request.tokenHash(), sentAt, sent.contentVersion(), sent.gatewayMessageId());
        return null;
      });
      LOG.info("event={}.doi_sent form={} purpose={} mail={}", courier.name(), request.formId(), request.purpose(),
          kind == ConfirmationRequests.Mail.REPERMISSION ? "repermission" : "sign-up");
    } else {
      retry(request, courier, (Courier.Delivery.Failed) delivery);
    }
  }

  /** Schedules the next attempt with backoff (5 s doubling, at most an hour), or gives up. */
  private void retry(ConsentStore.DoiRequest request, Courier courier, Courier.Delivery.Failed failed)
      throws SQLException {
    int attempts = request.attempts() + 1;
    boolean giveUp = failed.permanent() || attempts >= MAX_ATTEMPTS;
    Instant next = clock.instant().plus(Duration.ofSeconds(Math.min(3600, 5L << Math.min(attempts, 10))));
    transactions.write(c -> {
      ConsentStore.retry(c, request.tokenHash(), attempts, next, giveUp);
      return null;
    });
    LOG.warn("event={}.doi_failed form={} attempt={} gave_up={} reason=\"{}\"", courier.name(), request.formId(),
        attempts, giveUp, failed.reason());
  }

  /** The link of a token: {@code <baseUrl>/consent/<kind>/<token>}, for {@code confirm} or {@code withdraw}. */
  public static String link(URI baseUrl, String kind, String token) {
    return baseUrl.toString().replaceAll("/+$", "") + "/consent/" + kind + "/" + token;
  }

  private static Map<String, String> parse(byte[] json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("a sealed confirmation payload is JSON", e);
    }
  }

  @Override
  public void close() {
    loop.close();
    mail.close();
    sms.close();
  }
}
