package org.leadgate.crm.salesforce.outbound;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.PostOnly;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;
import org.leadgate.spi.Intake;
import org.leadgate.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salesforce's Outbound Message webhook at {@value #PATH}{@code ?secret=…}. A message is taken only from the
 * configured org with the right secret; each notification about a changed Lead is submitted to the configured form
 * under the idempotency key {@code sf-om:<notification id>} (so Salesforce's resends are replays) as an update of
 * that Lead. Its values count as of the record's {@code LastModifiedDate} (or {@code SystemModstamp}) when the
 * message carries it, so a notification Salesforce resends late, after a newer one, never overwrites the newer values
 * (the merge keeps the newest and records the older as a conflict). The message is acknowledged once every
 * notification is stored or skipped: skipped are deleted records, the integration user's own changes (no loop) and
 * Leads the form finds invalid (a resend would not change them). Anything else answers a SOAP fault and no
 * {@code Ack}, so Salesforce sends the message again.
 */
public final class OutboundMessageHook implements InboundHook {
  public static final String PATH = "/hooks/salesforce/outbound";
  static final String KEY_PREFIX = "sf-om:";
  private static final Logger LOG = LoggerFactory.getLogger(OutboundMessageHook.class);

  private final OutboundMessageSettings settings;

  private OutboundMessageHook(OutboundMessageSettings settings) {
    this.settings = settings;
  }

  /** The hook for {@code crm.settings.outboundMessages}; the form it names must be one of {@code forms}. */
  public static OutboundMessageHook from(ConfigNode section, List<FormConfig> forms) {
    return new OutboundMessageHook(OutboundMessageSettings.from(section, forms));
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public HookResponse handle(HookRequest request, Intake intake) {
    if (!PostOnly.isPost(request.method())) {
      return PostOnly.refuse(refused(405, "method", "only POST is accepted"));
    }
    if (request.queryParameter("secret").filter(settings::secretMatches).isEmpty()) {
      return refused(403, "secret", "the endpoint URL lacks the right secret");
    }
    if (!"text/xml".equals(request.mediaType())) {
      return refused(415, "media_type", "the body must be text/xml");
    }
    NotificationsReader.Read read = NotificationsReader.read(request.body());
    if (read instanceof NotificationsReader.Malformed malformed) {
      return refused(400, "malformed", malformed.reason());
    }
    NotificationsReader.Message message = (NotificationsReader.Message) read;
    if (!settings.organization().matches(message.organizationId())) {
      return refused(403, "organization", "the message comes from another Salesforce organization");
    }
    Optional<String> unusable = message.notifications().stream().map(this::unusable).flatMap(Optional::stream)
        .findFirst();
    if (unusable.isPresent()) {
      return refused(400, "unusable", unusable.get());
    }
    Map<Result, Integer> tally = new EnumMap<>(Result.class);
    for (Notification notification : message.notifications()) {
      try {
        tally.merge(take(notification, request, intake), 1, Integer::sum);
      } catch (StorageUnavailableException e) {
        LOG.warn("event=salesforce.om_storage_unavailable notifications={}", message.notifications().size());
        return SoapAnswers.fault(500, "the notifications could not be stored; send them again");
      }
    }
    LOG.info("event=salesforce.om_acked notifications={} {}", message.notifications().size(), counts(tally));
    return SoapAnswers.ack();
  }

  /** Why a notification with data cannot be taken at all: it is no Lead, or the loop guard cannot work. */
  private Optional<String> unusable(Notification notification) {
    if (!notification.hasData()) {
      return Optional.empty();
    }
    if (!notification.sObjectType().equals("Lead")) {
      return Optional.of("notification " + notification.id() + " is about a " + notification.sObjectType()
          + "; this endpoint takes Leads only");
    }
    if (notification.field("LastModifiedById").isEmpty()) {
      return Optional.of("notification " + notification.id() + " lacks LastModifiedById: add it to the outbound"
          + " message's fields so that LeadGate can skip its own changes");
    }
    return Optional.empty();
  }

  /** What became of one notification. */
  private enum Result {
    STORED,
    REPLAYED,
    SKIPPED_DELETED,
    SKIPPED_OWN_CHANGE,
    SKIPPED_INVALID
  }

  private Result take(Notification notification, HookRequest request, Intake intake) {
    if (!notification.hasData()) {
      return Result.SKIPPED_DELETED;
    }
    if (notification.field("LastModifiedById").filter(settings.integrationUser()::matches).isPresent()) {
      return Result.SKIPPED_OWN_CHANGE;
    }
    Outcome outcome = intake.submit(new Submission(settings.form().id(), request.receivedAt(),
        "text/xml; charset=utf-8", notification.xml(), settings.fields().values(notification::field),
        Optional.of(KEY_PREFIX + notification.id()), Submission.RequestContext.NONE, notification.recordId(),
        notification.changedAt()));
    if (outcome instanceof Outcome.Invalid invalid) {
      LOG.warn("event=salesforce.om_skipped reason=invalid notification={} fields={}", notification.id(),
          invalid.problems().stream().map(FieldProblem::field).collect(Collectors.joining(",")));
      return Result.SKIPPED_INVALID;
    }
    if (outcome instanceof Outcome.Accepted accepted) {
      return accepted.replayed() ? Result.REPLAYED : Result.STORED;
    }
    throw new IllegalStateException("the intake answered " + outcome.getClass().getSimpleName());
  }

  private static HookResponse refused(int status, String reason, String detail) {
    LOG.warn("event=salesforce.om_refused reason={} status={}", reason, status);
    return SoapAnswers.fault(status, detail);
  }

  private static String counts(Map<Result, Integer> tally) {
    return Arrays.stream(Result.values())
        .map(result -> result.name().toLowerCase(Locale.ROOT) + "=" + tally.getOrDefault(result, 0))
        .collect(Collectors.joining(" "));
  }
}
