package org.leadgate.crm.salesforce.webtolead;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leadgate.http.UrlEncoded;

/**
 * An {@code application/x-www-form-urlencoded} body decoded in the charset the form names with {@code ?encoding=},
 * as Salesforce's endpoint does.
 *
 * @param text the body as text, kept as evidence
 * @param values parameter name to its values, in the order they came
 */
record FormBody(String text, Map<String, List<String>> values) {
  FormBody {
    values = Map.copyOf(values);
  }

  /** The body's parameters; empty if a %-escape is broken. */
  static Optional<FormBody> parse(byte[] body, Charset charset) {
    String text = new String(body, charset);
    try {
      return Optional.of(new FormBody(text, UrlEncoded.decode(text, charset)));
    } catch (IllegalArgumentException brokenEscape) {
      return Optional.empty();
    }
  }

  /**
   * The values posted under {@code name}, joined by {@code ;} as Salesforce joins the choices of a multi-select
   * picklist.
   */
  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name)).map(posted -> String.join(";", posted));
  }
}
