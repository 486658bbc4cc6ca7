package org.leadgate.crm.generic;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Objects;
import java.util.Optional;
import org.leadgate.crm.generic.template.JsonTemplate;
import org.leadgate.crm.generic.template.PathTemplate;

/**
 * One request per lead: {@code create} (no CRM record id known) or {@code update} (with {@code {{crm.id}}}).
 *
 * @param name {@code create} or {@code update}, for logs and reasons
 * @param recordId where the CRM's record id is in a 2xx answer, if it tells it
 */
record Operation(String name, String method, PathTemplate path, JsonTemplate body, Optional<JsonPointer> recordId) {
  Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(recordId, "recordId");
  }
}
