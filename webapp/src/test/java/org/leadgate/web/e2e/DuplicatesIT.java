package org.leadgate.web.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.leadgate.web.testing.CrmViews;
import org.leadgate.web.testing.EmbeddedGateway;
import org.leadgate.testing.Eventually;
import org.leadgate.web.testing.Http;
import org.leadgate.web.testing.StoredRows;
import org.leadgate.web.testing.TestConfig;

/**
 * Duplicates end to end: the same person posts the form twice, the CRM (WireMock) gets the first lead again with
 * the gaps filled and never the second on its own; an admin looks at the merge and undoes it over HTTP, and the CRM
 * then gets the second lead as a record of its own.
 */
class DuplicatesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "duplicates-admin-token-0123456789";

  @RegisterExtension
  static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path directory;

  private EmbeddedGateway gateway;
  private StoredRows rows;

  @BeforeEach
  void start() throws Exception {
    crm.stubFor(post("/leads").willReturn(aResponse().withStatus(201)));
    TestConfig config = TestConfig.sqlite(directory).crmAt(crm.baseUrl() + "/leads")
        .with("admin:\n  token: " + TOKEN + "\n");
    rows = config.rows();
    gateway = EmbeddedGateway.start(config.write());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private List<JsonNode> crmViews(String leadId) {
    return CrmViews.of(crm, leadId);
  }

  private HttpResponse<String> admin(String method, String path) throws Exception {
    return method.equals("GET")
        ? Http.get(gateway.uri(path), "Authorization", "Bearer " + TOKEN)
        : Http.post(gateway.uri(path), "application/json", "{}", "Authorization", "Bearer " + TOKEN);
  }

  @Test
  void theSamePersonTwiceIsOneCrmRecordAndAnAdminCanUndoTheMerge() throws Exception {
    Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Lovelace", "email", "ada@acme.de"));
    String first = rows.leadIds().get(0);
    Eventually.await("the CRM has the first lead", Duration.ofSeconds(10), () -> crmViews(first).size() == 1);

    Http.postForm(gateway.uri("/forms/contact"), Map.of("lastName", "Lovelace", "firstName", "Ada",
        "email", "Ada@Acme.de", "phone", "030 1234567"));
    String second = rows.leadIds().get(1);
    Eventually.await("the CRM gets the first lead again", Duration.ofSeconds(10), () -> crmViews(first).size() == 2);

    JsonNode merged = crmViews(first).get(1);
    assertEquals("Ada", merged.at("/fields/firstName").asText(), "the gap is filled");
    assertEquals("+49301234567", merged.at("/fields/phone").asText());
    assertEquals("Lovelace", merged.at("/fields/lastName").asText());
    assertEquals(0, crmViews(second).size(), "the CRM never sees the second lead on its own");
    assertEquals("merged", rows.outboxStatus(second));

    HttpResponse<String> listed = admin("GET", "/api/merges?lead=" + first);
    assertEquals(200, listed.statusCode(), listed.body());
    JsonNode merge = JSON.readTree(listed.body()).at("/merges/0");
    assertEquals(second, merge.get("fromLead").asText());
    assertEquals("email", merge.get("matchedOn").asText());
    assertEquals("[\"firstName\",\"phone\",\"phoneType\"]", merge.get("added").toString(), "with what the quality check derived");
    assertEquals(401, Http.get(gateway.uri("/api/merges?lead=" + first)).statusCode(), "admins only");

    HttpResponse<String> undone = admin("POST", "/api/merges/" + merge.get("mergeId").asText() + "/undo");
    assertEquals(202, undone.statusCode(), undone.body());
    Eventually.await("the CRM gets the second lead", Duration.ofSeconds(10), () -> crmViews(second).size() == 1);
    Eventually.await("and the first without what the second brought", Duration.ofSeconds(10),
        () -> crmViews(first).size() == 3);
    assertTrue(crmViews(first).get(2).at("/fields/firstName").isMissingNode());
    assertEquals(409, admin("POST", "/api/merges/" + merge.get("mergeId").asText() + "/undo").statusCode());
    assertEquals(404, admin("POST", "/api/merges/00000000-0000-0000-0000-000000000000/undo").statusCode());
  }
}
