package org.leadgate.crm.generic.template;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.leadgate.consent.Channel;

/**
 * A placeholder's path into the lead, checked against the vocabulary of {@link org.leadgate.lead.LeadJson}. Field and
 * purpose names come from the gateway's forms and consent configuration, which the adapter does not see, so any
 * well-formed name is accepted below {@code fields}, {@code provenance}, {@code quality} and {@code consent}; roots,
 * depth, channels and leaf names are checked. {@code consent.<channel>.<purpose>.permitted} is {@code false} when the
 * lead has no such consent (LeadJson: a missing one is not permitted).
 */
final class LeadPath {
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final List<String> PROVENANCE = List.of("source", "origin", "at", "confidence");
  private static final List<String> QUALITY = List.of("typed", "flags");
  private static final List<String> CONSENT = List.of("permitted", "status", "basis", "stale");
  private static final List<String> SCORING =
      List.of("score", "fit", "behaviour", "grade", "role", "stage", "mqlAt", "slaDueAt", "reasons");
  private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::id).toList();

  /** Each root with the shapes it takes, for error messages. */
  private static final Map<String, String> SHAPES = new LinkedHashMap<>();

  static {
    SHAPES.put("lead", "lead (the whole lead JSON)");
    SHAPES.put("leadId", "leadId");
    SHAPES.put("formId", "formId");
    SHAPES.put("receivedAt", "receivedAt");
    SHAPES.put("fields", "fields or fields.<field>");
    SHAPES.put("provenance", "provenance.<field> or provenance.<field>." + alternatives(PROVENANCE));
    SHAPES.put("quality", "quality.<field> or quality.<field>." + alternatives(QUALITY));
    SHAPES.put("consent", "consent, consent.<channel>, consent.<channel>.<purpose> or consent.<channel>.<purpose>."
        + alternatives(CONSENT) + ", with <channel> one of " + String.join(", ", CHANNELS));
    SHAPES.put("scoring", "scoring or scoring." + alternatives(SCORING));
    SHAPES.put("crm", "crm.id (the lead's record id in the CRM, when known)");
  }

  private enum Kind { TREE, PERMITTED, CRM_ID }

  private final String text;
  private final Kind kind;
  private final JsonPointer pointer;

  private LeadPath(String text, Kind kind, JsonPointer pointer) {
    this.text = text;
    this.kind = kind;
    this.pointer = pointer;
  }

  /** Parses a path such as {@code fields.email}; a path outside the vocabulary is an {@link IllegalArgumentException}. */
  static LeadPath parse(String text) {
    String[] parts = text.split("\\.", -1);
    String root = parts[0];
    if (!SHAPES.containsKey(root)) {
      throw new IllegalArgumentException("{{" + text + "}} is not a lead value: a path starts with one of "
          + String.join(", ", SHAPES.keySet()));
    }
    if (!fits(root, parts)) {
      throw new IllegalArgumentException("{{" + text + "}} is not a lead value: expected " + SHAPES.get(root));
    }
    if (root.equals("crm")) {
      return new LeadPath(text, Kind.CRM_ID, JsonPointer.empty());
    }
    JsonPointer pointer = JsonPointer.compile(root.equals("lead") ? "" : "/" + String.join("/", parts));
    boolean permitted = root.equals("consent") && parts.length == 4 && parts[3].equals("permitted");
    return new LeadPath(text, permitted ? Kind.PERMITTED : Kind.TREE, pointer);
  }

  private static boolean fits(String root, String[] parts) {
    int n = parts.length;
    return switch (root) {
      case "lead", "leadId", "formId", "receivedAt" -> n == 1;
      case "fields" -> n == 1 || (n == 2 && FIELD.matcher(parts[1]).matches());
      case "provenance" -> fieldWithLeaf(parts, PROVENANCE);
      case "quality" -> fieldWithLeaf(parts, QUALITY);
      case "consent" -> n <= 4 && (n < 2 || CHANNELS.contains(parts[1]))
          && (n < 3 || PURPOSE.matcher(parts[2]).matches()) && (n < 4 || CONSENT.contains(parts[3]));
      case "scoring" -> n == 1 || (n == 2 && SCORING.contains(parts[1]));
      default -> n == 2 && parts[1].equals("id");
    };
  }

  /** {@code <root>.<field>} or {@code <root>.<field>.<leaf>}. */
  private static boolean fieldWithLeaf(String[] parts, List<String> leaves) {
    int n = parts.length;
    return (n == 2 || n == 3) && FIELD.matcher(parts[1]).matches() && (n == 2 || leaves.contains(parts[2]));
  }

  private static String alternatives(List<String> names) {
    return "<" + String.join("|", names) + ">";
  }

  /** The value at this path, or a missing node. */
  JsonNode in(LeadView view) {
    return switch (kind) {
      case CRM_ID -> view.crmRecordId().<JsonNode>map(TextNode::valueOf).orElse(MissingNode.getInstance());
      case PERMITTED -> {
        JsonNode node = view.lead().at(pointer);
        yield node.isMissingNode() ? BooleanNode.FALSE : node;
      }
      case TREE -> view.lead().at(pointer);
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
