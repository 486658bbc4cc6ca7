package org.leadgate.crm.salesforce.mapping;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.leadgate.scoring.LeadScore;
import org.leadgate.scoring.Reason;

/**
 * What of a lead's score can go into a Salesforce field, by its key under {@code crm.settings.scoring}. Values a
 * score lacks (no grade, not an MQL yet) clear the field.
 */
public enum ScoreField {
  SCORE("score", scored -> scored.score().total()),
  FIT("fit", scored -> scored.score().fit()),
  BEHAVIOUR("behaviour", scored -> scored.score().behaviour()),
  GRADE("grade", scored -> scored.score().grade().orElse(null)),
  ROLE("role", scored -> scored.score().role().map(role -> role.id()).orElse(null)),
  STAGE("stage", scored -> scored.stage().stage().id()),
  /** The rules behind the points, e.g. {@code job-title:+10, pricing-visit:+5, decay:-3}. */
  REASONS("reasons", scored -> scored.score().reasons().stream().map(ScoreField::reason)
      .collect(Collectors.joining(", "))),
  MQL_AT("mqlAt", scored -> scored.stage().mqlAt().map(Object::toString).orElse(null)),
  SLA_DUE_AT("slaDueAt", scored -> scored.stage().slaDue().map(Object::toString).orElse(null));

  private final String key;
  private final Function<LeadScore, Object> value;

  ScoreField(String key, Function<LeadScore, Object> value) {
    this.key = key;
    this.value = value;
  }

  public String key() {
    return key;
  }

  Object valueOf(LeadScore scored) {
    return value.apply(scored);
  }

  static Optional<ScoreField> parse(String key) {
    return Arrays.stream(values()).filter(field -> field.key.equals(key)).findFirst();
  }

  static String[] keys() {
    return Arrays.stream(values()).map(ScoreField::key).toArray(String[]::new);
  }

  private static String reason(Reason reason) {
    return reason.rule() + ":" + (reason.points() >= 0 ? "+" : "") + reason.points();
  }
}
