package org.leadgate.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What a CRM emulated by WireMock received: the lead JSON the generic adapter posted, per lead. */
public final class CrmViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CrmViews() {}

  /** The lead JSON of every delivery of {@code leadId} the CRM received, oldest first. */
  public static List<JsonNode> of(WireMockExtension crm, String leadId) {
    List<JsonNode> views = new ArrayList<>();
    for (ServeEvent event : crm.getAllServeEvents()) {
      JsonNode body = read(event.getRequest().getBodyAsString());
      if (body.path("leadId").asText().equals(leadId)) {
        views.add(0, body);
      }
    }
    return views;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the CRM received a body that is not JSON", e);
    }
  }
}
