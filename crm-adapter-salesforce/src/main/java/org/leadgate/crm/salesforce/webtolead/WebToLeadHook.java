package org.leadgate.crm.salesforce.webtolead;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;
import org.leadgate.config.FormConfig;
import org.leadgate.crm.salesforce.hooks.PostOnly;
import org.leadgate.intake.Submission;
import org.leadgate.pipeline.FieldProblem;
import org.leadgate.pipeline.Outcome;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;
import org.leadgate.spi.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop-in for Salesforce's Web-to-Lead endpoint at {@value #PATH}: an existing generated form only changes its
 * {@code action}. The body is decoded in the {@code ?encoding=} charset (UTF-8 if absent), must carry the configured
 * org's {@code oid}, and is submitted to the configured form with standard parameters, {@code 00N…} custom fields and
 * the form's consent boxes mapped to form fields; other parameters are ignored. Accepted: 303 to {@code retURL} when
 * its host is listed, else a thank-you page. Invalid: a 400 page listing the problems, nothing stored (where
 * Salesforce would redirect anyway and drop the lead). A hidden {@value Submission#TOKEN_FIELD} makes a double
 * submit a replay.
 */
public final class WebToLeadHook implements InboundHook {
  public static final String PATH = "/servlet/servlet.WebToLead";
  static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
  private static final Logger LOG = LoggerFactory.getLogger(WebToLeadHook.class);

  private final WebToLeadSettings settings;

  private WebToLeadHook(WebToLeadSettings settings) {
    this.settings = settings;
  }

  /** The hook for {@code crm.settings.webToLead}; the form it names must be one of {@code forms}. */
  public static WebToLeadHook from(ConfigNode section, List<FormConfig> forms) {
    return new WebToLeadHook(WebToLeadSettings.from(section, forms));
  }

  @Override
  public String path() {
    return PATH;
  }

  /** Lets a {@link org.leadgate.storage.StorageUnavailableException} through: the web application answers 503. */
  @Override
  public HookResponse handle(HookRequest request, Intake intake) {
    if (!PostOnly.isPost(request.method())) {
      return PostOnly.refuse(refused(405, "method", "This address only takes form posts."));
    }
    if (!FORM_MEDIA_TYPE.equals(request.mediaType())) {
      return refused(415, "media_type", "The form data must be sent as " + FORM_MEDIA_TYPE + ".");
    }
    Optional<Charset> charset = charset(request.queryParameter("encoding").orElse(StandardCharsets.UTF_8.name()));
    if (charset.isEmpty()) {
      return refused(400, "encoding", "The form names an unknown character encoding.");
    }
    Optional<FormBody> body = FormBody.parse(request.body(), charset.get());
    if (body.isEmpty()) {
      return refused(400, "malformed", "The form data could not be read.");
    }
    if (body.get().value("oid").filter(settings.organization()::matches).isEmpty()) {
      return refused(403, "organization", "This form is not set up to send its data here.");
    }
    return answer(intake.submit(submission(request, body.get(), charset.get())), body.get());
  }

  private Submission submission(HookRequest request, FormBody body, Charset charset) {
    return new Submission(settings.form().id(), request.receivedAt(), FORM_MEDIA_TYPE + "; charset=" + charset.name(),
        body.text(), settings.fields().values(body::value), body.value(Submission.TOKEN_FIELD), request.context());
  }

  private HookResponse answer(Outcome outcome, FormBody body) {
    if (outcome instanceof Outcome.Invalid invalid) {
      LOG.info("event=salesforce.w2l_invalid fields={}",
          invalid.problems().stream().map(FieldProblem::field).collect(Collectors.joining(",")));
      return Pages.invalid(invalid.problems().stream()
          .map(problem -> settings.form().label(problem.field()) + ": " + problem.reason()).toList());
    }
    if (!(outcome instanceof Outcome.Accepted accepted)) {
      throw new IllegalStateException("the intake answered " + outcome.getClass().getSimpleName());
    }
    Optional<String> returnUrl = body.value("retURL").flatMap(settings.returnUrls()::permitted);
    LOG.info("event=salesforce.w2l_accepted replayed={} redirected={}", accepted.replayed(), returnUrl.isPresent());
    return returnUrl.map(HookResponse::redirect).orElseGet(Pages::thanks);
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static HookResponse refused(int status, String reason, String message) {
    LOG.info("event=salesforce.w2l_refused reason={} status={}", reason, status);
    return Pages.refused(status, message);
  }
}
