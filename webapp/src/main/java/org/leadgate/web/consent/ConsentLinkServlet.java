package org.leadgate.web.consent;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leadgate.consent.Channel;
import org.leadgate.consent.ConsentService;
import org.leadgate.consent.ConsentService.LinkState;
import org.leadgate.consent.Evidence;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.forms.Html;
import org.leadgate.web.forms.Layout;
import org.leadgate.web.http.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links in confirmation mails and SMS. {@code GET /consent/confirm/{token}} and
 * {@code GET /consent/withdraw/{token}} only show a page with one button, so mail scanners and link previews that
 * fetch links change nothing; the button's {@code POST} confirms (a double opt-in, or a phone number by the link in
 * the SMS) or withdraws. A {@code POST} to the withdrawal link is also the RFC 8058 one-click unsubscribe.
 */
public final class ConsentLinkServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(ConsentLinkServlet.class);
  private static final Pattern PATH = Pattern.compile("/(confirm|withdraw)/([^/]+)");

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Matcher path = PATH.matcher(Optional.ofNullable(request.getPathInfo()).orElse(""));
    boolean post = "POST".equals(request.getMethod());
    if (!path.matches() || !(post || "GET".equals(request.getMethod()))) {
      page(request, response, 404, "Link not found", "This link does not exist.");
      return;
    }
    ConsentService consent = GatewayBootstrap.gateway(getServletContext()).consent();
    boolean confirm = path.group(1).equals("confirm");
    String token = path.group(2);
    LinkState state;
    try {
      state = confirm
          ? (post ? consent.confirm(token, click(request)) : consent.confirmation(token))
          : (post ? consent.withdraw(token, click(request)) : consent.withdrawal(token));
    } catch (SQLException e) {
      LOG.warn("event=consent.link_failed kind={} error=\"{}\"", path.group(1), e.getMessage());
      response.setHeader("Retry-After", "5");
      page(request, response, 503, "Please try again", "We could not record this right now. Nothing was changed.");
      return;
    }
    if (state instanceof LinkState.Valid valid) {
      if (post) {
        page(request, response, 200, confirm ? "Thank you, confirmed" : "Withdrawn",
            confirm ? "You have confirmed: " + valid.purpose() + ". You can withdraw at any time"
                + (valid.channel() == Channel.EMAIL ? " with the link in the mail." : ".")
                : "You will no longer receive: " + valid.purpose() + ".");
      } else {
        button(request, response, confirm, valid.purpose());
      }
    } else if (state instanceof LinkState.AlreadyUsed) {
      page(request, response, 409, "Already confirmed", "This link was already used. Nothing was changed.");
    } else if (state instanceof LinkState.Expired) {
      page(request, response, 410, "Link expired",
          "This confirmation link has expired. Nothing was changed; please sign up again.");
    } else {
      page(request, response, 404, "Link not found", "This link is not valid. Nothing was changed.");
    }
  }

  private static Map<String, String> click(HttpServletRequest request) {
    Map<String, String> evidence = new LinkedHashMap<>();
    Optional.ofNullable(request.getRemoteAddr()).ifPresent(ip -> evidence.put(Evidence.IP, ip));
    Optional.ofNullable(request.getHeader("User-Agent")).ifPresent(ua -> evidence.put(Evidence.USER_AGENT, ua));
    return evidence;
  }

  private static void button(HttpServletRequest request, HttpServletResponse response, boolean confirm,
      String purpose) throws IOException {
    String title = confirm ? "Please confirm" : "Withdraw consent";
    String text = confirm ? "Please confirm that you want to receive: " : "Do you want to stop receiving: ";
    Responses.html(response, 200, Layout.head(request.getContextPath(), title)
        + "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text + purpose) + "</p>\n"
        + "<form method=\"post\"><button type=\"submit\">" + (confirm ? "Confirm" : "Withdraw")
        + "</button></form>\n" + Layout.foot());
  }

  private static void page(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String text) throws IOException {
    Responses.html(response, status, Layout.message(request.getContextPath(), title, text));
  }
}
