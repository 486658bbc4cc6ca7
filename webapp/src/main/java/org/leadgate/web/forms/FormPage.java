package org.leadgate.web.forms;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.config.FormConsentConfig;
import org.leadgate.config.GatewayConfig;
import org.leadgate.config.WordingConfig;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;

/**
 * Renders a configured form as an accessible HTML page, empty or re-shown with the values a person typed and a
 * message at each field that needs attention.
 */
final class FormPage {
  private FormPage() {}

  static String render(String contextPath, GatewayConfig config, FormConfig form, Map<String, List<String>> values,
      List<FieldProblem> problems, String idempotencyKey) {
    StringBuilder page = new StringBuilder(4096);
    page.append(Layout.head(contextPath, form.title()));
    page.append("<h1>").append(Html.escape(form.title())).append("</h1>\n");
    if (!problems.isEmpty()) {
      page.append("<div class=\"errors\" role=\"alert\" id=\"errors\"><p>Please correct the marked fields:</p><ul>");
      for (FieldProblem problem : problems) {
        String label = form.field(problem.field()).map(FieldConfig::label).orElse(problem.field());
        page.append("<li><a href=\"#field-").append(Html.escape(problem.field())).append("\">")
            .append(Html.escape(label)).append("</a> ").append(Html.escape(problem.reason())).append("</li>");
      }
      page.append("</ul></div>\n");
    }
    page.append("<form method=\"post\" action=\"").append(Html.escape(contextPath)).append("/forms/")
        .append(Html.escape(form.id())).append("\" novalidate>\n");
    page.append("<input type=\"hidden\" name=\"").append(Submission.TOKEN_FIELD).append("\" value=\"")
        .append(Html.escape(idempotencyKey)).append("\">\n");
    for (FieldConfig field : form.fields()) {
      Optional<String> problem = problems.stream()
          .filter(p -> p.field().equals(field.name())).map(FieldProblem::reason).findFirst();
      String value = Optional.ofNullable(values.get(field.name()))
          .filter(v -> !v.isEmpty()).map(v -> v.get(0)).orElse("");
      field(page, field, value, problem);
    }
    for (FormConsentConfig box : form.consents()) {
      String id = "consent-" + Html.escape(box.field());
      boolean ticked = Optional.ofNullable(values.get(box.field())).filter(v -> !v.isEmpty()).isPresent();
      page.append("<div class=\"field consent\">\n<input type=\"checkbox\" id=\"").append(id)
          .append("\" name=\"").append(Html.escape(box.field())).append("\" value=\"on\"")
          .append(ticked ? " checked" : "").append(">\n<label for=\"").append(id).append("\">")
          .append(Html.escape(config.consent().wording(box.wording()).map(WordingConfig::text).orElse("")))
          .append("</label>\n</div>\n");
    }
    form.privacyNoticeUrl().ifPresent(url -> page.append("<p class=\"privacy\"><a href=\"")
        .append(Html.escape(url)).append("\">Privacy notice / Datenschutzhinweise</a></p>\n"));
    page.append("<button type=\"submit\">Send</button>\n</form>\n");
    page.append(Layout.foot());
    return page.toString();
  }

  private static void field(StringBuilder page, FieldConfig field, String value, Optional<String> problem) {
    String id = "field-" + Html.escape(field.name());
    String name = Html.escape(field.name());
    if (field.type() == FieldType.HIDDEN) {
      page.append("<input type=\"hidden\" id=\"").append(id).append("\" name=\"").append(name)
          .append("\" value=\"").append(Html.escape(value)).append("\">\n");
      return;
    }
    page.append("<div class=\"field").append(problem.isPresent() ? " invalid" : "").append("\">\n");
    page.append("<label for=\"").append(id).append("\">").append(Html.escape(field.label()))
        .append(field.required() ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : "")
        .append("</label>\n");
    String common = " id=\"" + id + "\" name=\"" + name + "\" maxlength=\"" + field.maxLength() + "\""
        + (field.required() ? " required aria-required=\"true\"" : "")
        + (problem.isPresent() ? " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"" : "");
    if (field.type() == FieldType.TEXTAREA) {
      page.append("<textarea").append(common).append(" rows=\"5\">").append(Html.escape(value))
          .append("</textarea>\n");
    } else {
      String type = switch (field.type()) {
        case EMAIL -> "email\" autocomplete=\"email";
        case PHONE -> "tel\" autocomplete=\"tel";
        case DATE -> "date";
        default -> "text";
      };
      page.append("<input type=\"").append(type).append("\"").append(common).append(" value=\"")
          .append(Html.escape(value)).append("\">\n");
    }
    problem.ifPresent(reason -> page.append("<p class=\"error\" id=\"").append(id).append("-error\">")
        .append(Html.escape(field.label())).append(' ').append(Html.escape(reason)).append("</p>\n"));
    page.append("</div>\n");
  }
}
