package org.leadgate.crm.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.testing.MutableClock;

/** HMAC-SHA256 request signing, checked by recomputing the signature of what the CRM received. */
class RequestSigningTest {
  private static final String SECRET = "whsec-test-secret";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestLeads.NOW);
  private CrmAdapter adapter;

  @AfterEach
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @Test
  void signsTimestampDotBodyInHexByDefault() throws Exception {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    adapter = TestSettings.adapter(config("signing: {secret: " + SECRET + "}"), clock);

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "ada@example.de")));

    LoggedRequest request = onlyRequest();
    String timestamp = Long.toString(TestLeads.NOW.getEpochSecond());
    assertEquals(timestamp, request.getHeader("X-Timestamp"));
    assertEquals(HexFormat.of().formatHex(hmac(timestamp + "." + request.getBodyAsString())),
        request.getHeader("X-Signature"));
  }

  @Test
  void signsAConfiguredCanonicalStringInBase64WithPrefixAndHeaderNames() throws Exception {
    crm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    adapter = TestSettings.adapter(config("""
        signing:
          secret: %s
          signatureHeader: X-LeadGate-Signature
          timestampHeader: X-LeadGate-Time
          encoding: base64
          prefix: "v1="
          canonical: "{method}\\n{path}\\n{timestamp}\\n{body}"
        """.formatted(SECRET)), clock);

    adapter.deliver(TestLeads.delivery(TestLeads.lead("lead-1", "email", "ada@example.de")));

    LoggedRequest request = onlyRequest();
    String timestamp = Long.toString(TestLeads.NOW.getEpochSecond());
    String canonical = "POST\n/api/leads?source=leadgate\n" + timestamp + "\n" + request.getBodyAsString();
    assertEquals(timestamp, request.getHeader("X-LeadGate-Time"));
    assertEquals("v1=" + Base64.getEncoder().encodeToString(hmac(canonical)), request.getHeader("X-LeadGate-Signature"));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = crm.findAll(postRequestedFor(anyUrl()));
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  private static String config(String signing) {
    return """
        baseUrl: %s
        create:
          path: /api/leads?source=leadgate
          body: '{"email": "{{fields.email}}", "name": "Ünïcode"}'
        %s
        """.formatted(crm.baseUrl(), signing);
  }

  private static byte[] hmac(String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}
