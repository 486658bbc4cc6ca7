package org.leadgate.web.hooks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.http.Problem;
import org.leadgate.http.UrlEncoded;
import org.leadgate.spi.HookRequest;
import org.leadgate.spi.HookResponse;
import org.leadgate.spi.InboundHook;
import org.leadgate.storage.StorageUnavailableException;
import org.leadgate.web.bootstrap.GatewayBootstrap;
import org.leadgate.web.http.BoundedBody;
import org.leadgate.web.http.ClientContext;
import org.leadgate.web.http.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the CRM adapter's {@link InboundHook}s (webhooks, drop-in form targets) at their paths: reads the request
 * within the intake body limit, hands it to the hook and writes its answer. Paths no hook claims answer 404.
 */
public final class HookServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(HookServlet.class);

  private final Clock clock = Clock.systemUTC();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Gateway gateway = GatewayBootstrap.gateway(getServletContext());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<InboundHook> hook = gateway.hooks().stream().filter(h -> h.path().equals(path)).findFirst();
    if (hook.isEmpty()) {
      Responses.problem(response, Problem.of(404, "not-found", "No such endpoint",
          "the configured CRM adapter serves nothing at this path"));
      return;
    }
    int limit = gateway.config().intake().maxBodyBytes();
    Optional<byte[]> body = BoundedBody.read(request, limit);
    if (body.isEmpty()) {
      Responses.problem(response, Problem.of(413, "body-too-large", "Request too large",
          "the body is larger than " + limit + " bytes"));
      return;
    }
    HookRequest hookRequest = new HookRequest(request.getMethod(), query(request), headers(request), body.get(),
        ClientContext.of(request, gateway), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    HookResponse answer;
    try {
      answer = hook.get().handle(hookRequest, gateway);
    } catch (StorageUnavailableException e) {
      LOG.warn("event=hook.storage_unavailable path={}", path);
      Responses.storageUnavailable(response, "the request could not be stored; nothing was accepted");
      return;
    }
    LOG.info("event=hook.answered path={} status={}", path, answer.status());
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    response.setContentType(answer.contentType());
    byte[] bytes = answer.body();
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The query string's parameters, parsed here: the container's parameter map would read a form body too. */
  private static Map<String, List<String>> query(HttpServletRequest request) {
    return UrlEncoded.decodeReadable(Optional.ofNullable(request.getQueryString()).orElse(""),
        StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.putIfAbsent(name, request.getHeader(name));
    }
    return headers;
  }
}
