package org.leadgate.web.compliance;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.leadgate.consent.ConsentState;
import org.leadgate.consent.compliance.SubjectProof;
import org.leadgate.consent.ledger.ConsentEvent;
import org.leadgate.web.forms.Html;

/**
 * The consent proof of one person as a printable page (Einwilligungsnachweis). Everything shown is escaped: the
 * evidence holds what browsers sent (user agents, page URLs), which anyone can set to markup.
 */
final class ProofPage {
  private static final String STYLE = """
      body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
      h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
      table { border-collapse: collapse; width: 100%; margin: .5em 0; }
      th, td { border: 1px solid #bbb; padding: .25em .4em; text-align: left; vertical-align: top; }
      th { background: #eee; } dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 .2em 0; }
      .hash { font-family: monospace; font-size: .8em; word-break: break-all; }
      blockquote { border-left: 4px solid #999; margin: .5em 0; padding: .3em .8em; background: #f6f6f6; }
      @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
      """;

  private ProofPage() {}

  static String render(SubjectProof proof) {
    StringBuilder page = new StringBuilder(8192);
    page.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Einwilligungsnachweis / Consent proof</title>\n<style>").append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>Einwilligungsnachweis / Consent proof</h1>\n<table>\n");
    row(page, "Person (" + proof.subject().kind().name().toLowerCase(Locale.ROOT) + ")", proof.subject().value());
    page.append("<tr><th>Subject key</th><td class=\"hash\">").append(e(proof.subjectKey())).append("</td></tr>\n");
    row(page, "Generated at", proof.generatedAt().toString());
    row(page, "Personal data erased at", time(proof.erasedAt()));
    row(page, "Proof retained until", time(proof.proofRetainedUntil()));
    row(page, "Evidence", proof.evidenceReadable() ? "readable" : "destroyed (proof key shredded)");
    page.append("</table>\n");
    for (SubjectProof.ConsentHistory consent : proof.consents()) {
      page.append("<h2>").append(e(consent.channel().id() + " · " + consent.purpose())).append("</h2>\n");
      if (!consent.purposeDescription().isEmpty()) {
        page.append("<p>").append(e(consent.purposeDescription())).append("</p>\n");
      }
      page.append("<table>\n");
      row(page, "Status", consent.state().map(s -> s.status().id()).orElse("none"));
      row(page, "Legal basis", consent.state().map(s -> s.basis().id()).orElse("none"));
      row(page, "Since", time(consent.state().map(ConsentState::since)));
      row(page, "Last grant, confirmation or use", time(consent.state().flatMap(ConsentState::lastActivity)));
      row(page, "Ended", time(consent.state().flatMap(ConsentState::ended)));
      row(page, "Proof retained until", time(consent.proofRetainedUntil()));
      page.append("</table>\n<table>\n<tr><th>#</th><th>Time (UTC)</th><th>Action</th><th>Basis</th>")
          .append("<th>Actor</th><th>Lead</th><th>Evidence</th><th>Hash</th></tr>\n");
      for (ConsentEvent event : consent.events()) {
        page.append("<tr><td>").append(event.seq()).append("</td><td>").append(e(event.at().toString()))
            .append("</td><td>").append(e(event.action().id())).append("</td><td>").append(e(event.basis().id()))
            .append("</td><td>").append(e(event.actor().toString())).append("</td><td class=\"hash\">")
            .append(e(event.leadId().orElse(""))).append("</td><td>");
        if (event.evidence().isPresent()) {
          page.append("<dl>");
          for (Map.Entry<String, String> item : new TreeMap<>(event.evidence().get().items()).entrySet()) {
            page.append("<dt>").append(e(item.getKey())).append("</dt><dd>").append(e(item.getValue()))
                .append("</dd>");
          }
          page.append("</dl>");
        } else {
          page.append("<em>destroyed</em>");
        }
        page.append("</td><td class=\"hash\">").append(e(event.hash())).append("</td></tr>\n");
      }
      page.append("</table>\n");
    }
    if (!proof.wordings().isEmpty()) {
      page.append("<h2>Consent wordings as shown</h2>\n");
      for (SubjectProof.WordingText wording : proof.wordings()) {
        page.append("<h3>").append(e(wording.id())).append("</h3>\n<blockquote>")
            .append(e(wording.text().orElse("(unknown wording)"))).append("</blockquote>\n<p>SHA-256: <span")
            .append(" class=\"hash\">").append(e(wording.sha256().orElse(""))).append("</span> — ")
            .append(wording.matchesEvidence() ? "matches the evidence" : "<strong>does not match the evidence"
                + "</strong>").append("</p>\n");
      }
    }
    if (!proof.doiRequests().isEmpty()) {
      page.append("<h2>Double opt-in confirmation mails</h2>\n<table>\n<tr><th>Message-ID</th><th>Purpose</th>")
          .append("<th>Form</th><th>Wording</th><th>Requested</th><th>Mail</th><th>Confirmed</th></tr>\n");
      for (SubjectProof.DoiRecord request : proof.doiRequests()) {
        page.append("<tr><td class=\"hash\">").append(e(request.messageId())).append("</td><td>")
            .append(e(request.purpose())).append("</td><td>").append(e(request.formId())).append("</td><td>")
            .append(e(request.wordingId())).append("</td><td>").append(e(request.requestedAt().toString()))
            .append("</td><td>").append(e(request.mailStatus())).append("</td><td>")
            .append(e(time(request.confirmedAt()))).append("</td></tr>\n");
      }
      page.append("</table>\n");
    }
    page.append("<p><small>Events are links of LeadGate's hash-chained consent ledger; each hash covers the event")
        .append(" and the hash before it. Times are UTC.</small></p>\n</body>\n</html>\n");
    return page.toString();
  }

  private static void row(StringBuilder page, String label, String value) {
    page.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>\n");
  }

  private static String time(Optional<Instant> time) {
    return time.map(Instant::toString).orElse("—");
  }

  private static String e(String text) {
    return text == null ? "" : Html.escape(text);
  }
}
