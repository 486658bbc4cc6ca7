package org.leadgate.web.duplicates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.Gateway;
import org.leadgate.config.AdminConfig;
import org.leadgate.duplicates.Conflict;
import org.leadgate.duplicates.engine.Deduplication;
import org.leadgate.http.Problem;
import org.leadgate.lead.FieldValue;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.admin.AdminAuth;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.Responses;

/**
 * The admin API of duplicates (admin token): {@code GET /api/merges?lead={leadId}} lists the merges into or from a
 * lead (fields added and replaced, typed values that disagreed, with sources), and
 * {@code POST /api/merges/{mergeId}/undo} undoes one, so both leads go to the CRM as records of their own.
 */
public final class MergeServlet extends HttpServlet {
  private static final Pattern UNDO = Pattern.compile("/([0-9a-fA-F-]{36})/undo");
  private static final Pattern LEAD_ID = Pattern.compile("[0-9a-fA-F-]{36}");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    if (AdminAuth.check(gateway.config().admin().tokens(), AdminConfig.ADMIN, request, response).isEmpty()) {
      return;
    }
    String lead = Optional.ofNullable(request.getParameter("lead")).orElse("");
    if (request.getPathInfo() != null || !LEAD_ID.matcher(lead).matches()) {
      Responses.problem(response, Problem.of(400, "missing-lead", "Which lead?", "use GET /api/merges?lead={leadId}"));
      return;
    }
    try {
      ArrayNode merges = Responses.array();
      gateway.duplicates().mergesOf(lead).forEach(merge -> merges.add(json(merge)));
      Responses.json(response, 200, Responses.object().put("leadId", lead).set("merges", merges));
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    Optional<Matcher> matched = AdminAuth.adminPath(gateway, request, response, UNDO,
        "use POST /api/merges/{mergeId}/undo");
    if (matched.isEmpty()) {
      return;
    }
    Matcher path = matched.get();
    try {
      Deduplication.UndoOutcome outcome = gateway.duplicates().undo(path.group(1));
      if (outcome instanceof Deduplication.UndoOutcome.Undone undone) {
        Responses.json(response, 202, Responses.object().put("mergeId", path.group(1))
            .put("intoLead", undone.intoLead()).put("fromLead", undone.fromLead()));
      } else if (outcome instanceof Deduplication.UndoOutcome.AlreadyUndone already) {
        Responses.problem(response, Problem.of(409, "merge-already-undone", "Already undone",
            "merge " + path.group(1) + " was undone at " + already.at()));
      } else {
        Responses.problem(response, Problem.of(404, "no-such-merge", "No such merge",
            "there is no merge " + path.group(1)));
      }
    } catch (StorageUnavailableException e) {
      Responses.storageUnavailable(response, e.getMessage());
    }
  }

  private static ObjectNode json(Deduplication.MergeRecord merge) {
    ObjectNode node = Responses.object().put("mergeId", merge.id()).put("intoLead", merge.intoLead())
        .put("fromLead", merge.fromLead()).put("at", merge.at().toString()).put("matchedOn", merge.matchedOn());
    merge.merged().added().stream().sorted().forEach(node.putArray("added")::add);
    merge.merged().replaced().keySet().stream().sorted().forEach(node.putArray("replaced")::add);
    ArrayNode conflicts = node.putArray("conflicts");
    for (Conflict conflict : merge.merged().conflicts()) {
      ObjectNode entry = conflicts.addObject().put("field", conflict.field());
      value(entry.putObject("kept"), conflict.kept());
      value(entry.putObject("previous"), conflict.previous());
    }
    merge.undoneAt().ifPresent(at -> node.put("undoneAt", at.toString()));
    return node;
  }

  private static void value(ObjectNode node, FieldValue value) {
    node.put("value", value.value()).put("source", value.provenance().source().name())
        .put("origin", value.provenance().origin()).put("at", value.provenance().at().toString());
  }
}
