package org.leadgate.enrichment.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.leadgate.enrichment.EnrichedValue;
import org.leadgate.enrichment.ProviderResult;

/**
 * Reads lead fields at RFC 6901 JSON pointers. A field may name several pointers; the first that holds a value wins.
 * Text is trimmed, numbers and booleans become text; blanks, nulls, arrays and objects count as absent (joining them
 * would give text no form or CRM field expects). An optional likelihood pointer gives the match likelihood, divided
 * by its scale; it is also each value's confidence.
 *
 * @param fields enrichment field name to the pointers to try, in order
 * @param likelihood where the match likelihood is, if the answer has one
 */
record JsonPointerReader(Map<String, List<JsonPointer>> fields, Optional<Likelihood> likelihood)
    implements AnswerReader {

  JsonPointerReader {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(likelihood, "likelihood");
  }

  /**
   * Where a match likelihood is and its top value ({@code 10} for a 1–10 score).
   */
  record Likelihood(JsonPointer pointer, int scale) {
    Likelihood {
      Objects.requireNonNull(pointer, "pointer");
      if (scale < 1) {
        throw new IllegalArgumentException("scale must be at least 1, was " + scale);
      }
    }

    /** The likelihood from 0 to 1, or empty when it is absent, not a number or beyond the scale. */
    OptionalDouble in(JsonNode answer) {
      JsonNode node = answer.at(pointer);
      if (!node.isNumber()) {
        return OptionalDouble.empty();
      }
      double value = node.doubleValue() / scale;
      return value >= 0 && value <= 1 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
  }

  /** A reader with one pointer per field (given as text, e.g. {@code /location/country}) and no likelihood. */
  static JsonPointerReader of(Map<String, String> pointers) {
    Map<String, List<JsonPointer>> fields = new LinkedHashMap<>();
    pointers.forEach((field, pointer) -> fields.put(field, pointers(pointer)));
    return new JsonPointerReader(fields, Optional.empty());
  }

  /** Compiles pointers given as text. */
  static List<JsonPointer> pointers(String... pointers) {
    return Arrays.stream(pointers).map(JsonPointer::compile).toList();
  }

  @Override
  public ProviderResult read(JsonNode answer) {
    OptionalDouble matchLikelihood = likelihood.map(l -> l.in(answer)).orElse(OptionalDouble.empty());
    double confidence = matchLikelihood.orElse(1.0);
    Map<String, EnrichedValue> found = new LinkedHashMap<>();
    values(answer).forEach((field, value) -> found.put(field, new EnrichedValue(value, confidence)));
    return found.isEmpty() ? new ProviderResult.NoMatch() : new ProviderResult.Found(found, matchLikelihood);
  }

  /** The field values this answer holds, by field name. */
  Map<String, String> values(JsonNode answer) {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach((field, pointers) -> pointers.stream()
        .map(pointer -> text(answer.at(pointer)))
        .flatMap(Optional::stream)
        .findFirst()
        .ifPresent(value -> values.put(field, value)));
    return values;
  }

  /** A scalar as text: trimmed text, plain numbers ({@code 21900000}, not {@code 2.19E7}), {@code true}/{@code false}. */
  static Optional<String> text(JsonNode node) {
    if (node.isTextual()) {
      String text = node.textValue().trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    if (node.isIntegralNumber() || node.isBoolean()) {
      return Optional.of(node.asText());
    }
    if (node.isNumber()) {
      return Optional.of(node.decimalValue().stripTrailingZeros().toPlainString());
    }
    return Optional.empty();
  }
}
