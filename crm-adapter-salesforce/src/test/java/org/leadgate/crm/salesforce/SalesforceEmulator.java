package org.leadgate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful emulation of one Salesforce org on WireMock, built from the public docs: the OAuth token endpoint (JWT
 * bearer with the RS256 signature checked against the connected app's certificate key, client credentials, and
 * their {@code invalid_grant}/{@code invalid_client} errors), the REST API with sessions that can expire
 * ({@code 401 INVALID_SESSION_ID}), sObject Collections, Composite, SOQL for DataUsePurpose, Bulk API 2.0 ingest jobs
 * and the {@code Sforce-Limit-Info} header on every data answer ({@code 403 REQUEST_LIMIT_EXCEEDED} once the daily
 * allowance is used). It counts charged API calls and token requests; tests can script the next answers.
 *
 * <p>Public for the web application's end-to-end tests (published in this module's test jar): they start it, log the
 * gateway in with {@link #privateKeyPem()}, and look at the records and calls through the public methods.
 */
public final class SalesforceEmulator implements AutoCloseable {
  public static final String CLIENT_ID = "3MVG9leadgate.test.consumer.key";
  static final String CLIENT_SECRET = "cc-secret-123";
  /** The integration user the connected app is pre-approved for. */
  public static final String USERNAME = "integration@acme.example";
  public static final String ORG_ID = "00D5j000001uVaTEAU";
  /** The integration user's id, as the token response's identity URL names it. */
  public static final String INTEGRATION_USER_ID = "0055j000000XyZ1AAK";
  /** The connected app's key pair: the private key goes into the adapter's config, the public one checks JWTs. */
  static final KeyPair KEYS = generateKeys();

  private static final Pattern DATA = Pattern.compile("/services/data/v(\\d+\\.0)/(.*)");
  private static final Pattern JOB = Pattern.compile("jobs/ingest/([^/]+)(/batches|/successfulResults/|/failedResults/)?");
  private static final String LIMIT_HEADER = "Sforce-Limit-Info";

  /** One scripted answer for the next data call. */
  record Answer(int status, String body, Map<String, String> headers) {}

  private final WireMockServer server;
  private final Clock clock;
  final EmulatedOrg org = new EmulatedOrg();
  final EmulatedBulk bulk = new EmulatedBulk(org);
  private final Set<String> sessions = new HashSet<>();
  private final Deque<Answer> scripted = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private final List<Map<String, String>> callHeaders = new ArrayList<>();
  private final List<JsonNode> assertions = new ArrayList<>();
  private String audience = "https://login.salesforce.com";
  private Set<String> approvedUsers = Set.of(USERNAME);
  private boolean refuseEverySession;
  private long apiUsed = 120;
  private long apiMax = 15_000;
  private int tokenRequests;
  private int sessionCounter;

  /** Starts the org on a free port; JWT expiry and {@code issued_at} are read on {@code clock}. */
  public SalesforceEmulator(Clock clock) {
    this.clock = clock;
    this.server = new WireMockServer(wireMockConfig().dynamicPort().gzipDisabled(true).disableRequestJournal()
        .extensions(new Handler()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
  }

  /** The login URL and, as the token response says, the instance URL. */
  public String baseUrl() {
    return server.baseUrl();
  }

  // ---- controls ----

  void audience(String expected) {
    audience = expected;
  }

  void approvedUsers(Set<String> users) {
    approvedUsers = Set.copyOf(users);
  }

  /** Every session issued so far becomes invalid (as after the session timeout). */
  synchronized void expireSessions() {
    sessions.clear();
  }

  /** Even fresh sessions get 401, as when the integration user lost API access. */
  synchronized void refuseEverySession() {
    refuseEverySession = true;
  }

  synchronized void allowance(long used, long max) {
    apiUsed = used;
    apiMax = max;
  }

  /** The next data call (not a token request) gets this answer instead of being served. */
  synchronized void answerNext(int status, String body, Map<String, String> headers) {
    scripted.add(new Answer(status, body, headers));
  }

  // ---- observations ----

  public synchronized int apiCalls() {
    return calls.size();
  }

  /** Charged calls as {@code METHOD path}, e.g. {@code PATCH composite/sobjects/Lead/LeadGate_Id__c}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The values of one request header on the charged calls that had it, in order. */
  synchronized List<String> headers(String name) {
    return callHeaders.stream().filter(headers -> headers.containsKey(name)).map(headers -> headers.get(name)).toList();
  }

  synchronized int tokenRequests() {
    return tokenRequests;
  }

  /** Stores a record as if created in Salesforce, returning its id. */
  public synchronized String seed(String type, Map<String, Object> values) {
    return org.seed(type, values);
  }

  /** Copies of the records of a type, in creation order. */
  public synchronized List<ObjectNode> records(String type) {
    return org.records(type).stream().map(ObjectNode::deepCopy).toList();
  }

  /** A copy of one record. */
  public synchronized Optional<ObjectNode> record(String type, String id) {
    return org.byId(type, id).map(ObjectNode::deepCopy);
  }

  /** How often API calls saved the record with this id (its creation included; seeding not). */
  public synchronized int saves(String id) {
    return org.saves(id);
  }

  synchronized long apiUsed() {
    return apiUsed;
  }

  /** The claims of each JWT assertion whose signature checked out. */
  synchronized List<JsonNode> verifiedAssertions() {
    return List.copyOf(assertions);
  }

  // ---- serving ----

  private final class Handler implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      Answer answer = serve(serveEvent.getRequest());
      ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
          .withStatus(answer.status()).withBody(answer.body());
      answer.headers().forEach(response::withHeader);
      return response.build();
    }

    @Override
    public String getName() {
      return "salesforce-emulator";
    }
  }

  private synchronized Answer serve(Request request) {
    String path = URI.create(request.getUrl()).getRawPath();
    if (path.equals("/services/oauth2/token") && request.getMethod().getName().equals("POST")) {
      tokenRequests++;
      return token(form(request.getBodyAsString()));
    }
    if (path.equals("/services/data/") || path.equals("/services/data")) {
      return json(200, "[{\"label\":\"Winter '25\",\"url\":\"/services/data/v62.0\",\"version\":\"62.0\"}]", Map.of());
    }
    Matcher data = DATA.matcher(path);
    if (!data.matches()) {
      return errors(404, "NOT_FOUND", "The requested resource does not exist");
    }
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    if (refuseEverySession || !sessions.contains(token)) {
      return errors(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    if (!scripted.isEmpty()) {
      Answer next = scripted.poll();
      Map<String, String> headers = new LinkedHashMap<>(next.headers());
      headers.putIfAbsent(LIMIT_HEADER, usage());
      headers.put("Content-Type", "application/json;charset=UTF-8");
      return new Answer(next.status(), next.body(), headers);
    }
    if (apiUsed >= apiMax) {
      return withUsage(errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
    }
    apiUsed++;
    String method = request.getMethod().getName();
    calls.add(method + " " + data.group(2));
    Map<String, String> seen = new LinkedHashMap<>();
    for (String name : List.of("Host", "Sforce-Auto-Assign", "Sforce-Duplicate-Rule-Header")) {
      if (request.getHeader(name) != null) {
        seen.put(name, request.getHeader(name));
      }
    }
    callHeaders.add(seen);
    String query = URI.create(request.getUrl()).getRawQuery();
    return withUsage(route(method, data.group(2), query == null ? Map.of() : form(query), request.getBodyAsString(),
        request.getHeader("Sforce-Duplicate-Rule-Header")));
  }

  /** One data resource; also serves Composite subrequests, which are not charged on their own. */
  private Answer route(String method, String resource, Map<String, String> query, String body, String duplicateHeader) {
    boolean allowSave = duplicateHeader != null && duplicateHeader.replace(" ", "").contains("allowSave=true");
    try {
      String[] parts = resource.split("/");
      if (method.equals("PATCH") && parts.length == 4 && resource.startsWith("composite/sobjects/")) {
        return json(200, org.upsertCollection(parts[2], parts[3], parse(body), allowSave), Map.of());
      }
      if (method.equals("PATCH") && resource.equals("composite/sobjects")) {
        return json(200, org.updateCollection(parse(body), allowSave), Map.of());
      }
      if (method.equals("POST") && resource.equals("composite")) {
        return composite(parse(body));
      }
      if (method.equals("GET") && resource.equals("query")) {
        return json(200, org.query(query.get("q")), Map.of());
      }
      if (method.equals("GET") && resource.equals("limits")) {
        return json(200, "{\"DailyApiRequests\":{\"Max\":" + apiMax + ",\"Remaining\":" + (apiMax - apiUsed) + "}}",
            Map.of());
      }
      if (method.equals("POST") && resource.equals("jobs/ingest")) {
        return json(200, bulk.create(parse(body)), Map.of());
      }
      Matcher job = JOB.matcher(resource);
      if (job.matches()) {
        return bulkJob(method, job.group(1), job.group(2) == null ? "" : job.group(2), body);
      }
      return errors(404, "NOT_FOUND", "The requested resource does not exist");
    } catch (EmulatedOrg.RequestRefused refused) {
      return json(refused.status, refused.body(), Map.of());
    }
  }

  private Answer bulkJob(String method, String id, String part, String body) {
    return switch (method + " " + part) {
      case "PUT /batches" -> {
        bulk.upload(id, body);
        yield new Answer(201, "", Map.of());
      }
      case "PATCH " -> json(200, bulk.close(id, parse(body)), Map.of());
      case "GET " -> json(200, bulk.look(id), Map.of());
      case "GET /successfulResults/" -> new Answer(200, bulk.results(id, true), Map.of("Content-Type", "text/csv"));
      case "GET /failedResults/" -> new Answer(200, bulk.results(id, false), Map.of("Content-Type", "text/csv"));
      default -> errors(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed");
    };
  }

  /** {@code POST composite}: at most 25 subrequests, at most 5 of them collections or queries. */
  private Answer composite(JsonNode body) {
    JsonNode subrequests = body.path("compositeRequest");
    long heavy = 0;
    for (JsonNode sub : subrequests) {
      String url = sub.path("url").asText();
      heavy += url.contains("/composite/sobjects") || url.contains("/query") ? 1 : 0;
    }
    if (subrequests.size() > 25 || heavy > 5) {
      return errors(400, "INVALID_API_INPUT", "Composite requests take at most 25 subrequests and 5 collections");
    }
    ObjectNode answer = EmulatedOrg.JSON.createObjectNode();
    ArrayNode responses = answer.putArray("compositeResponse");
    for (JsonNode sub : subrequests) {
      Matcher url = DATA.matcher(URI.create(sub.path("url").asText()).getRawPath());
      Answer served = url.matches()
          ? route(sub.path("method").asText(), url.group(2), Map.of(), sub.path("body").toString(), null)
          : errors(404, "NOT_FOUND", "The requested resource does not exist");
      ObjectNode response = responses.addObject();
      response.set("body", served.body().isEmpty() ? EmulatedOrg.JSON.nullNode() : parse(served.body()));
      response.putObject("httpHeaders");
      response.put("httpStatusCode", served.status()).put("referenceId", sub.path("referenceId").asText());
    }
    return json(200, answer.toString(), Map.of());
  }

  // ---- OAuth ----

  private Answer token(Map<String, String> form) {
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
      return jwtBearer(form.getOrDefault("assertion", ""));
    }
    if (grant.equals("client_credentials")) {
      if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
        return oauthError("invalid_client", "invalid client credentials");
      }
      ObjectNode session = session();
      session.put("signature", Base64.getEncoder().encodeToString("hmac".getBytes(StandardCharsets.UTF_8)));
      session.put("issued_at", String.valueOf(clock.millis()));
      return json(200, session.toString(), Map.of());
    }
    return oauthError("unsupported_grant_type", "grant type not supported");
  }

  private Answer jwtBearer(String assertion) {
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return oauthError("invalid_grant", "invalid assertion");
    }
    try {
      JsonNode header = parse(decode(parts[0]));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(KEYS.getPublic());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!header.path("alg").asText().equals("RS256") || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return oauthError("invalid_grant", "invalid assertion");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return oauthError("invalid_grant", "invalid assertion");
    }
    JsonNode claims = parse(decode(parts[1]));
    long now = clock.instant().getEpochSecond();
    if (!CLIENT_ID.equals(claims.path("iss").asText())) {
      return oauthError("invalid_client_id", "client identifier invalid");
    }
    if (!audience.equals(claims.path("aud").asText())) {
      return oauthError("invalid_grant", "audience is invalid");
    }
    long exp = claims.path("exp").asLong();
    if (exp <= now || exp > now + 300) {
      return oauthError("invalid_grant", "expired authorization code");
    }
    if (!approvedUsers.contains(claims.path("sub").asText())) {
      return oauthError("invalid_grant", "user hasn't approved this consumer");
    }
    assertions.add(claims);
    return json(200, session().toString(), Map.of());
  }

  private ObjectNode session() {
    sessionCounter++;
    String token = ORG_ID.substring(0, 15) + "!AQ" + sessionCounter + ".emulated";
    sessions.add(token);
    return EmulatedOrg.JSON.createObjectNode()
        .put("access_token", token).put("scope", "api").put("instance_url", baseUrl())
        .put("id", baseUrl() + "/id/" + ORG_ID + "/" + INTEGRATION_USER_ID).put("token_type", "Bearer");
  }

  private static Answer oauthError(String error, String description) {
    return json(400, EmulatedOrg.JSON.createObjectNode().put("error", error).put("error_description", description)
        .toString(), Map.of());
  }

  // ---- helpers ----

  private String usage() {
    return "api-usage=" + apiUsed + "/" + apiMax;
  }

  private Answer withUsage(Answer answer) {
    Map<String, String> headers = new LinkedHashMap<>(answer.headers());
    headers.put(LIMIT_HEADER, usage());
    return new Answer(answer.status(), answer.body(), headers);
  }

  private static Answer json(int status, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json;charset=UTF-8");
    return new Answer(status, body, all);
  }

  static Answer errors(int status, String code, String message) {
    ArrayNode errors = EmulatedOrg.JSON.createArrayNode();
    errors.addObject().put("message", message).put("errorCode", code);
    return json(status, errors.toString(), Map.of());
  }

  private static JsonNode parse(String body) {
    try {
      return EmulatedOrg.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      throw new EmulatedOrg.RequestRefused(400, "JSON_PARSER_ERROR", "Unexpected character in JSON");
    }
  }

  private static String decode(String base64url) {
    return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      String[] kv = pair.split("=", 2);
      if (!kv[0].isEmpty()) {
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return form;
  }

  /** The private key as PKCS#8 PEM, as an admin would put it into {@code auth.privateKey}. */
  public static String privateKeyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static KeyPair generateKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
