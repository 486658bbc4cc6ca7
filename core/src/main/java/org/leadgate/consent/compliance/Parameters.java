package org.leadgate.consent.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.leadgate.config.GatewayConfig;
import org.leadgate.consent.Channel;
import org.leadgate.consent.Subject;
import org.leadgate.pipeline.FieldProblem;

/**
 * Reads the query parameters of the compliance API. Every parameter is checked before anything is exported: an
 * unknown parameter (a typo would otherwise widen an export silently), a repeated one, a value over 200
 * characters, an unparseable time, {@code from} after {@code to}, or a channel, purpose or form the configuration
 * does not know, each refuse the request with a problem that names the parameter.
 */
public final class Parameters {
  /** The longest value any parameter may have. */
  public static final int MAX_LENGTH = 200;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

  private Parameters() {}

  /** What {@code GET /api/consents} asks for. */
  public record ConsentExport(ExportFilter filter, ExportFormat format) {}

  /** A time range, {@code from} inclusive, {@code to} exclusive. */
  public record TimeRange(Instant from, Instant to) {
    public String describe() {
      return "from=" + from + " to=" + to;
    }
  }

  /** A person named by {@code email} or {@code phone}, and the requested representation, if any. */
  public record SubjectQuery(Subject subject, Optional<String> format) {}

  /**
   * {@code from}, {@code to} (ISO-8601 times such as {@code 2026-01-05T09:00:00Z} or
   * {@code 2026-01-05T10:00:00+01:00}, or dates meaning midnight UTC; default the epoch and one second after
   * {@code now}), {@code channel}, {@code purpose}, {@code form} and {@code format} ({@code csv}, {@code json} (the
   * default) or {@code ndjson}).
   */
  public static Parsed<ConsentExport> consentExport(Map<String, String[]> query, GatewayConfig config,
      Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, String> values = single(query, Set.of("from", "to", "channel", "purpose", "form", "format"),
        problems);
    Optional<TimeRange> range = range(values, now, problems);
    Optional<Channel> channel = Optional.ofNullable(values.get("channel")).flatMap(id -> {
      Optional<Channel> known = Channel.parse(id);
      if (known.isEmpty()) {
        problems.add(new FieldProblem("channel", "unknown channel; known: email, phone, sms, post"));
      }
      return known;
    });
    Optional<String> purpose = Optional.ofNullable(values.get("purpose"));
    if (purpose.isPresent() && config.consent().purpose(purpose.get()).isEmpty()) {
      problems.add(new FieldProblem("purpose", "unknown purpose; known: " + String.join(", ",
          config.consent().purposes().stream().map(p -> p.id()).toList())));
    }
    Optional<String> form = Optional.ofNullable(values.get("form"));
    if (form.isPresent() && config.form(form.get()).isEmpty()) {
      problems.add(new FieldProblem("form", "unknown form; known: " + String.join(", ",
          config.forms().stream().map(f -> f.id()).toList())));
    }
    String formatId = values.getOrDefault("format", "json");
    Optional<ExportFormat> format = ExportFormat.parse(formatId);
    if (format.isEmpty()) {
      problems.add(new FieldProblem("format", "unknown format; known: csv, json, ndjson"));
    }
    if (!problems.isEmpty()) {
      return new Parsed.Invalid<>(problems);
    }
    return new Parsed.Valid<>(new ConsentExport(new ExportFilter(range.orElseThrow().from(), range.get().to(),
        channel, purpose, form), format.orElseThrow()));
  }

  /** {@code from} and {@code to} as for {@link #consentExport}, for {@code GET /api/audit}. */
  public static Parsed<TimeRange> timeRange(Map<String, String[]> query, Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, String> values = single(query, Set.of("from", "to"), problems);
    Optional<TimeRange> range = range(values, now, problems);
    return problems.isEmpty() ? new Parsed.Valid<>(range.orElseThrow()) : new Parsed.Invalid<>(problems);
  }

  /**
   * Exactly one of {@code email} and {@code phone}; {@code format} only if {@code formats} lists any.
   */
  public static Parsed<SubjectQuery> subject(Map<String, String[]> query, Set<String> formats) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> allowed = new TreeSet<>(Set.of("email", "phone"));
    if (!formats.isEmpty()) {
      allowed.add("format");
    }
    Map<String, String> values = single(query, allowed, problems);
    Optional<Subject> subject = subject(Optional.ofNullable(values.get("email")),
        Optional.ofNullable(values.get("phone")), problems);
    Optional<String> format = Optional.ofNullable(values.get("format"));
    if (format.isPresent() && !formats.contains(format.get())) {
      problems.add(new FieldProblem("format", "unknown format; known: " + String.join(", ", new TreeSet<>(formats))));
    }
    return problems.isEmpty() ? new Parsed.Valid<>(new SubjectQuery(subject.orElseThrow(), format))
        : new Parsed.Invalid<>(problems);
  }

  /** A person by exactly one of an email address and a phone number. */
  public static Parsed<Subject> subject(Optional<String> email, Optional<String> phone) {
    List<FieldProblem> problems = new ArrayList<>();
    Optional<Subject> subject = subject(email, phone, problems);
    return problems.isEmpty() ? new Parsed.Valid<>(subject.orElseThrow()) : new Parsed.Invalid<>(problems);
  }

  private static Optional<Subject> subject(Optional<String> email, Optional<String> phone,
      List<FieldProblem> problems) {
    if (email.isPresent() == phone.isPresent()) {
      problems.add(new FieldProblem(email.isPresent() ? "phone" : "email",
          "name the person by exactly one of email and phone"));
      return Optional.empty();
    }
    if (email.isPresent()) {
      String address = email.get().strip();
      if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
        problems.add(new FieldProblem("email", "must be an email address"));
        return Optional.empty();
      }
      return Optional.of(Subject.email(address));
    }
    String number = phone.get().strip();
    long digits = number.chars().filter(Character::isDigit).count();
    if (number.length() > 40 || digits < 5 || !number.matches("\\+?[0-9 ()/.\\-]+")) {
      problems.add(new FieldProblem("phone", "must be a phone number"));
      return Optional.empty();
    }
    return Optional.of(Subject.phone(number));
  }

  /** Each allowed parameter's one value; unknown, repeated and overlong parameters are problems. */
  private static Map<String, String> single(Map<String, String[]> query, Set<String> allowed,
      List<FieldProblem> problems) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String[]> entry : new java.util.TreeMap<>(query).entrySet()) {
      String name = entry.getKey();
      String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
      if (!allowed.contains(name)) {
        problems.add(new FieldProblem(shown, "unknown parameter; known: " + String.join(", ", new TreeSet<>(allowed))));
        continue;
      }
      String[] given = entry.getValue();
      if (given == null || given.length == 0) {
        continue;
      }
      if (given.length > 1) {
        problems.add(new FieldProblem(name, "is given more than once"));
        continue;
      }
      if (given[0].length() > MAX_LENGTH) {
        problems.add(new FieldProblem(name, "is longer than " + MAX_LENGTH + " characters"));
        continue;
      }
      if (!given[0].isEmpty()) {
        values.put(name, given[0]);
      }
    }
    return values;
  }

  private static Optional<TimeRange> range(Map<String, String> values, Instant now, List<FieldProblem> problems) {
    Optional<Instant> from = time(values, "from", Instant.EPOCH, problems);
    Optional<Instant> to = time(values, "to", now.plusSeconds(1), problems);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (from.get().isAfter(to.get())) {
      problems.add(new FieldProblem("from", "is after to"));
      return Optional.empty();
    }
    return Optional.of(new TimeRange(from.get(), to.get()));
  }

  private static Optional<Instant> time(Map<String, String> values, String name, Instant fallback,
      List<FieldProblem> problems) {
    String text = values.get(name);
    if (text == null) {
      return Optional.of(fallback);
    }
    Optional<Instant> parsed = parseTime(text);
    if (parsed.isEmpty()) {
      // a '+' of an offset arrives as a space when the client did not percent-encode it
      parsed = parseTime(text.replace(' ', '+'));
    }
    if (parsed.isEmpty()) {
      problems.add(new FieldProblem(name, "must be an ISO-8601 time such as 2026-01-05T09:00:00Z or a date such"
          + " as 2026-01-05"));
    }
    return parsed;
  }

  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      // not a time with an offset
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
