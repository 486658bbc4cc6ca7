package org.leadgate.crm.salesforce.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the REST API below {@code /services/data/vNN.N/}.
 *
 * @param path relative to the versioned data root, for example {@code composite/sobjects/Lead/LeadGate_Id__c}
 * @param query query parameters, such as {@code q} for SOQL
 * @param body the request body with its media type, if any
 * @param headers extra request headers, such as {@code Sforce-Duplicate-Rule-Header}
 */
public record ApiCall(String method, String path, Map<String, String> query, Optional<Body> body,
    Map<String, String> headers) {
  public ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A request body and its media type. */
  public record Body(String content, String mediaType) {
    public Body {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  public static ApiCall get(String path) {
    return new ApiCall("GET", path, Map.of(), Optional.empty(), Map.of());
  }

  /** A call with a JSON body. */
  public static ApiCall json(String method, String path, String json) {
    return new ApiCall(method, path, Map.of(), Optional.of(new Body(json, "application/json")), Map.of());
  }

  public ApiCall withQuery(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(query);
    more.put(name, value);
    return new ApiCall(method, path, more, body, headers);
  }

  public ApiCall withHeaders(Map<String, String> extra) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.putAll(extra);
    return new ApiCall(method, path, query, body, more);
  }
}
