package org.leadgate.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FormConfig;
import org.leadgate.lead.Lead;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;

/**
 * Checks a lead against its form: required fields present, lengths within bounds, email and phone values in a
 * plausible shape, no control characters. Any problem answers {@link Outcome.Invalid} and stops the chain, so
 * nothing is stored.
 */
public final class ValidateStage implements Stage {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()/.\\-]{5,30}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

  private final FormConfig form;

  public ValidateStage(FormConfig form) {
    this.form = form;
  }

  @Override
  public Outcome process(Chain chain) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldConfig field : form.fields()) {
      problem(field, chain.lead()).ifPresent(reason -> problems.add(new FieldProblem(field.name(), reason)));
    }
    return problems.isEmpty() ? chain.proceed(chain.lead()) : new Outcome.Invalid(problems);
  }

  private static Optional<String> problem(FieldConfig field, Lead lead) {
    Optional<String> value = lead.value(field.name()).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return field.required() ? Optional.of("is required") : Optional.empty();
    }
    String text = value.get();
    if (text.codePointCount(0, text.length()) > field.maxLength()) {
      return Optional.of("must be at most " + field.maxLength() + " characters long");
    }
    if (CONTROL.matcher(text).find()) {
      return Optional.of("contains control characters");
    }
    return switch (field.type()) {
      case EMAIL -> EMAIL.matcher(text).matches()
          ? Optional.empty()
          : Optional.of("is not a valid email address");
      case PHONE -> PHONE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= 5
          ? Optional.empty()
          : Optional.of("is not a valid phone number");
      case DATE -> isDate(text) ? Optional.empty() : Optional.of("is not a date like 2008-05-31");
      default -> Optional.empty();
    };
  }

  private static boolean isDate(String text) {
    try {
      java.time.LocalDate.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ValidateStage";
  }
}
