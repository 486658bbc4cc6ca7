package org.leadgate.lead;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.leadgate.consent.Permissions;
import org.leadgate.scoring.LeadScore;
import org.leadgate.scoring.Score;

/**
 * The JSON shape in which a lead leaves LeadGate (log target, minimal generic adapter):
 * <pre>{@code
 * {"leadId": "...", "formId": "contact", "receivedAt": "2026-11-23T10:15:30Z",
 *  "fields": {"email": "ada@example.de"},
 *  "provenance": {"email": {"source": "TYPED", "origin": "form:contact", "at": "2026-11-23T10:15:30Z"},
 *                 "country": {"source": "IP_DERIVED", "origin": "provider:geo", "at": "...", "confidence": 1.0}},
 *  "consent": {"email": {"newsletter": {"permitted": true, "status": "confirmed", "basis": "consent-doi",
 *      "since": "2026-11-23T10:20:00Z"}}}}
 * }</pre>
 * Every field names its source ({@code TYPED}, {@code CRM}, {@code PROVIDER}, {@code IP_DERIVED},
 * {@code REQUEST}) and origin; looked-up values also carry the provider's confidence.
 * Fields a quality check normalised or flagged appear under {@code quality}, e.g.
 * {@code "quality": {"phone": {"typed": "030 1234567", "flags": []}}}.
 * Once scored, {@code scoring} holds {@code score}, {@code fit}, {@code behaviour}, {@code grade}, {@code role},
 * {@code stage}, {@code mqlAt}, {@code slaDueAt} and {@code reasons} ({@code [{"rule": "...", "points": 5}]}).
 * {@code consent} holds every channel and purpose the gateway knows for the lead; a missing one is not permitted.
 * A permitted consent that was not used for {@code consent.retention.staleAfter} also carries {@code "stale": true}:
 * it needs re-permission before it is blocked.
 */
public final class LeadJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LeadJson() {}

  public static ObjectNode toTree(Lead lead) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("leadId", lead.id());
    root.put("formId", lead.formId());
    root.put("receivedAt", lead.receivedAt().toString());
    ObjectNode fields = root.putObject("fields");
    ObjectNode provenance = root.putObject("provenance");
    for (Map.Entry<String, FieldValue> entry : lead.fields().entrySet()) {
      fields.put(entry.getKey(), entry.getValue().value());
      Provenance source = entry.getValue().provenance();
      ObjectNode origin = provenance.putObject(entry.getKey())
          .put("source", source.source().name())
          .put("origin", source.origin())
          .put("at", source.at().toString());
      if (source.source() != Provenance.Source.TYPED) {
        origin.put("confidence", source.confidence());
      }
      quality(root, entry.getKey(), entry.getValue());
    }
    lead.score().ifPresent(scored -> scoring(root, scored));
    ObjectNode consent = root.putObject("consent");
    for (Permissions.Permission permission : lead.permissions().entries()) {
      ObjectNode channel = consent.has(permission.channel().id())
          ? (ObjectNode) consent.get(permission.channel().id())
          : consent.putObject(permission.channel().id());
      ObjectNode entry = channel.putObject(permission.purpose())
          .put("permitted", permission.permitted())
          .put("status", permission.status().id())
          .put("basis", permission.basis().id());
      permission.since().ifPresent(since -> entry.put("since", since.toString()));
      if (permission.stale()) {
        entry.put("stale", true);
      }
    }
    return root;
  }

  /**
   * {@code scoring}: the total with its fit and behaviour parts, grade, buying-center role, the reasons (rule to
   * points), the stage, and while the lead is handed over, when it became an MQL and when sales should act.
   */
  private static void scoring(ObjectNode root, LeadScore scored) {
    Score score = scored.score();
    ObjectNode node = root.putObject("scoring")
        .put("score", score.total())
        .put("fit", score.fit())
        .put("behaviour", score.behaviour())
        .put("stage", scored.stage().stage().id());
    score.grade().ifPresent(grade -> node.put("grade", grade));
    score.role().ifPresent(role -> node.put("role", role.id()));
    scored.stage().mqlAt().ifPresent(at -> node.put("mqlAt", at.toString()));
    scored.stage().slaDue().ifPresent(at -> node.put("slaDueAt", at.toString()));
    ArrayNode reasons = node.putArray("reasons");
    score.reasons().forEach(reason -> reasons.addObject().put("rule", reason.rule()).put("points", reason.points()));
  }

  /** What a field's quality check kept and noticed, under {@code quality}, only for fields it touched. */
  private static void quality(ObjectNode root, String name, FieldValue field) {
    if (field.typed().isEmpty() && field.flags().isEmpty()) {
      return;
    }
    ObjectNode quality = root.has("quality") ? (ObjectNode) root.get("quality") : root.putObject("quality");
    ObjectNode note = quality.putObject(name);
    field.typed().ifPresent(typed -> note.put("typed", typed));
    ArrayNode flags = note.putArray("flags");
    field.flags().forEach(flag -> flags.addObject().put("code", flag.code()).put("reason", flag.reason()));
  }

  public static byte[] toBytes(Lead lead) {
    try {
      return MAPPER.writeValueAsBytes(toTree(lead));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a lead tree always serialises", e);
    }
  }
}
