package org.leadgate.scoring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;
import org.leadgate.consent.Freemail;
import org.leadgate.lead.Lead;

/** Points for who a lead is: a condition on one of its fields, or on its buying-center role. */
public record FitRule(String id, Condition condition, int points) {
  private static final List<String> CONDITIONS = List.of("in", "keywords", "freemail", "present", "role");

  public FitRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(condition, "condition");
  }

  /** What must hold for the rule to give its points. */
  public sealed interface Condition permits ValueIn, KeywordIn, FreemailIs, PresentIs, RoleIs {
    boolean holds(Lead lead, Optional<BuyingRole> role);
  }

  /** The field's value is one of these (compared folded: case and umlaut spelling do not matter). */
  record ValueIn(String field, Set<String> folded) implements Condition {
    @Override
    public boolean holds(Lead lead, Optional<BuyingRole> role) {
      return lead.value(field).map(Keywords::fold).filter(folded::contains).isPresent();
    }
  }

  record KeywordIn(String field, Keywords keywords) implements Condition {
    @Override
    public boolean holds(Lead lead, Optional<BuyingRole> role) {
      return lead.value(field).filter(keywords::foundIn).isPresent();
    }
  }

  /** The field holds a mail address that is (or, with {@code false}, is not) at a free mail provider. */
  record FreemailIs(String field, boolean freemail) implements Condition {
    @Override
    public boolean holds(Lead lead, Optional<BuyingRole> role) {
      return lead.value(field).filter(email -> Freemail.isFreemail(email) == freemail).isPresent();
    }
  }

  /** The field has (or, with {@code false}, lacks) a value. */
  record PresentIs(String field, boolean present) implements Condition {
    @Override
    public boolean holds(Lead lead, Optional<BuyingRole> role) {
      return lead.value(field).filter(value -> !value.isBlank()).isPresent() == present;
    }
  }

  record RoleIs(BuyingRole expected) implements Condition {
    @Override
    public boolean holds(Lead lead, Optional<BuyingRole> role) {
      return role.filter(expected::equals).isPresent();
    }
  }

  static FitRule from(ConfigNode node) {
    node.allowOnly("id", "field", "in", "keywords", "freemail", "present", "role", "points");
    String id = node.string("id");
    return new FitRule(id, condition(node), ScoringConfig.points(node, "points"));
  }

  private static Condition condition(ConfigNode node) {
    List<String> given = CONDITIONS.stream().filter(node::has).toList();
    if (given.isEmpty()) {
      throw new ConfigException(node.path(),
          "a fit rule needs a condition: field with one of in, keywords, freemail or present; or role");
    }
    if (given.size() > 1) {
      throw node.error(given.get(1), "cannot be combined with '" + given.get(0) + "' in one rule; write two rules");
    }
    String test = given.get(0);
    if (test.equals("role")) {
      if (node.has("field")) {
        throw node.error("field", "does not apply to a role rule: the role is read from roleField");
      }
      return new RoleIs(BuyingRole.from(node, "role"));
    }
    String field = node.string("field");
    return switch (test) {
      case "in" -> new ValueIn(field, values(node));
      case "keywords" -> new KeywordIn(field, Keywords.from(node, "keywords"));
      case "freemail" -> new FreemailIs(field, node.bool("freemail", true));
      default -> new PresentIs(field, node.bool("present", true));
    };
  }

  private static Set<String> values(ConfigNode node) {
    List<String> values = node.stringList("in");
    if (values.isEmpty()) {
      throw node.error("in", "list at least one value");
    }
    return values.stream().map(Keywords::fold).collect(Collectors.toUnmodifiableSet());
  }
}
