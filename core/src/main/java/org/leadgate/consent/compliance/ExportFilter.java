package org.leadgate.consent.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.consent.Channel;

/**
 * Which consent events an export holds: those at or after {@code from} and before {@code to}, optionally only of
 * one channel, purpose or form. An event belongs to a form if it was captured through it (its evidence or its
 * lead names the form), and so does a later withdrawal or objection of a consent captured through it.
 */
public record ExportFilter(Instant from, Instant to, Optional<Channel> channel, Optional<String> purpose,
    Optional<String> form) {
  public ExportFilter {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(form, "form");
  }

  /** Everything from the epoch to {@code to}. */
  public static ExportFilter until(Instant to) {
    return new ExportFilter(Instant.EPOCH, to, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ExportFilter channel(Channel only) {
    return new ExportFilter(from, to, Optional.of(only), purpose, form);
  }

  public ExportFilter purpose(String only) {
    return new ExportFilter(from, to, channel, Optional.of(only), form);
  }

  public ExportFilter form(String only) {
    return new ExportFilter(from, to, channel, purpose, Optional.of(only));
  }

  public ExportFilter between(Instant start, Instant end) {
    return new ExportFilter(start, end, channel, purpose, form);
  }

  /** The filter as recorded in the audit log (no personal data: the values were checked against configuration). */
  public String describe() {
    StringBuilder text = new StringBuilder("from=").append(from).append(" to=").append(to);
    channel.ifPresent(c -> text.append(" channel=").append(c.id()));
    purpose.ifPresent(p -> text.append(" purpose=").append(p));
    form.ifPresent(f -> text.append(" form=").append(f));
    return text.toString();
  }
}
