package org.leadgate.crm.generic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.leadgate.crm.generic.template.LeadView;
import org.leadgate.crm.generic.template.TextTemplate;

/**
 * The configured request headers. Names are fixed by configuration; values may hold placeholders, and what a lead
 * puts into a value loses its control characters (CR, LF, …), so lead data can never add a header or end the header
 * block. A header whose placeholders all find nothing is left out.
 */
final class RequestHeaders {
  private final Map<String, TextTemplate> headers;

  RequestHeaders(Map<String, TextTemplate> headers) {
    this.headers = new LinkedHashMap<>(headers);
  }

  /** Whether a value reads the lead. */
  boolean dynamic() {
    return headers.values().stream().anyMatch(TextTemplate::dynamic);
  }

  Headers forLead(LeadView view) {
    Headers.Builder out = new Headers.Builder();
    headers.forEach((name, template) -> {
      Optional<String> value = template.text(view);
      value.ifPresent(text -> out.addUnsafeNonAscii(name, withoutControlCharacters(text)));
    });
    return out.build();
  }

  static String withoutControlCharacters(String text) {
    return text.codePoints()
        .filter(c -> c == '\t' || !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
