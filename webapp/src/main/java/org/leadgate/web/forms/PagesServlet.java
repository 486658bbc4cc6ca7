package org.leadgate.web.forms;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadgate.config.GatewayConfig;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.Responses;

/** The start page, which shows the first configured form, and the default thank-you page. */
public final class PagesServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/thanks".equals(request.getServletPath())) {
      String consent = switch (String.valueOf(request.getParameter("consent"))) {
        case "check-inbox" -> " Please check your inbox: we have sent you a mail to confirm your sign-up.";
        case "confirmed" -> " You have already confirmed your sign-up earlier, so we sent no new mail.";
        default -> "";
      };
      String sms = "check-phone".equals(request.getParameter("sms"))
          ? " Please check your phone: we have sent you an SMS with a link to confirm that we may call you." : "";
      Responses.html(response, 200, Layout.message(request.getContextPath(), "Thank you",
          "We have received your message and will get back to you soon." + consent + sms));
      return;
    }
    GatewayConfig config = GatewayBootstrap.gateway(getServletContext()).config();
    Responses.html(response, 200, FormPage.render(request.getContextPath(), config, config.forms().get(0), Map.of(),
        List.of(), UUID.randomUUID().toString()));
  }
}
