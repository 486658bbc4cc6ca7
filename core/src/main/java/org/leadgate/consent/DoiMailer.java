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
import org.leadgate.consent.mail.DoiMailTemplate;
import org.leadgate.consent.mail.MailDeliveryException;
import org.leadgate.consent.mail.MailSender;
import org.leadgate.storage.Transactions;
import org.leadgate.work.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends confirmation mails (double opt-in, and re-permission for stale consent) as soon as their request is committed
 * (woken by intake; the retention job's requests within the idle wait), retrying a mail server that is down with
 * backoff. Once a mail is out, the links it carries are deleted from storage.
 */
public final class DoiMailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DoiMailer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 10;

  private final Transactions transactions;
  private final SubjectKeys keys;
  private final DoiMailTemplate signUp;
  private final DoiMailTemplate repermission;
  private final MailSender sender;
  private final URI baseUrl;
  private final Clock clock;
  private final PollingLoop loop = new PollingLoop("leadgate-doi-mailer", Duration.ofSeconds(1),
      Duration.ofSeconds(10), this::runOnce,
      e -> LOG.warn("event=mail.poll_failed error={}", e.getClass().getName()));

  /**
   * @param signUp the double opt-in confirmation mail
   * @param repermission the re-permission mail for stale double opt-in consent
   */
  public DoiMailer(Transactions transactions, SubjectKeys keys, DoiMailTemplate signUp, DoiMailTemplate repermission,
      MailSender sender, URI baseUrl, Clock clock) {
    this.transactions = transactions;
    this.keys = keys;
    this.signUp = signUp;
    this.repermission = repermission;
    this.sender = sender;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public void start() {
    loop.start();
  }

  public void wake() {
    loop.wake();
  }

  /** Sends every confirmation mail that is due; answers how many were tried. */
  public int runOnce() throws SQLException {
    int tried = 0;
    for (ConsentStore.DoiRequest request : transactions.read(c -> ConsentStore.dueMails(c, clock.instant(), 50))) {
      send(request);
      tried++;
    }
    return tried;
  }

  private void send(ConsentStore.DoiRequest request) throws SQLException {
    Optional<Map<String, String>> payload = transactions.read(connection -> request.mailPayload()
        .flatMap(sealed -> {
          try {
            return keys.open(connection, request.subjectKey(), sealed);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }))
        .map(DoiMailer::parse);
    if (payload.isEmpty()) {
      transactions.write(c -> {
        ConsentStore.mailRetry(c, request.tokenHash(), request.mailAttempts() + 1, clock.instant(), true);
        return null;
      });
      LOG.warn("event=mail.unreadable request_form={} note=\"the request's data was erased\"", request.formId());
      return;
    }
    Map<String, String> values = payload.get();
    DoiMailTemplate template = ConfirmationRequests.Mail.REPERMISSION.name()
        .equals(values.get(ConfirmationRequests.MAIL)) ? repermission : signUp;
    try {
      sender.send(template.render(request.messageId(), values.get("address"), values.get("purpose"),
          link("confirm", values.get("confirmToken")), link("withdraw", values.get("withdrawToken"))));
      Instant sentAt = clock.instant();
      transactions.write(c -> {
        ConsentStore.mailSent(c, request.tokenHash(), sentAt, template.version());
        return null;
      });
      LOG.info("event=mail.doi_sent form={} purpose={} mail={}", request.formId(), request.purpose(),
          template == repermission ? "repermission" : "sign-up");
    } catch (MailDeliveryException | IllegalArgumentException e) {
      int attempts = request.mailAttempts() + 1;
      boolean giveUp = attempts >= MAX_ATTEMPTS || e instanceof IllegalArgumentException;
      Instant next = clock.instant().plus(Duration.ofSeconds(Math.min(3600, 5L << Math.min(attempts, 10))));
      transactions.write(c -> {
        ConsentStore.mailRetry(c, request.tokenHash(), attempts, next, giveUp);
        return null;
      });
      LOG.warn("event=mail.doi_failed form={} attempt={} gave_up={} error={}", request.formId(), attempts, giveUp,
          e.getClass().getSimpleName());
    }
  }

  private String link(String kind, String token) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return base + "/consent/" + kind + "/" + token;
  }

  private static Map<String, String> parse(byte[] json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("a sealed mail payload is JSON", e);
    }
  }

  @Override
  public void close() {
    loop.close();
    sender.close();
  }
}
