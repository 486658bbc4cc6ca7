package org.leadgate.crm.salesforce.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What came of one {@link ApiCall}: Salesforce's answer, or no answer at all. */
public sealed interface Reply {

  /** An HTTP answer; {@code retryAfter} is the raw {@code Retry-After} header. */
  record Answered(int status, String body, Optional<String> retryAfter) implements Reply {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Answered {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as JSON; a missing node when it is empty or not JSON. */
    public JsonNode json() {
      if (body.isBlank()) {
        return MissingNode.getInstance();
      }
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }

    /** The error objects of an error answer ({@code [{"errorCode", "message", "fields"}]}). */
    public List<SalesforceError> errors() {
      return SalesforceError.listFrom(json());
    }
  }

  /** No usable answer: the network failed, the call timed out, or no session could be had. */
  record Unreachable(String reason) implements Reply {
    public Unreachable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
