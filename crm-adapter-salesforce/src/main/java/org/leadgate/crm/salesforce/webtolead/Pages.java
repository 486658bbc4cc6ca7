package org.leadgate.crm.salesforce.webtolead;

import java.util.List;
import java.util.stream.Collectors;
import org.leadgate.spi.HookResponse;

/** The small HTML pages a visitor sees when not sent on to {@code retURL}. All text is escaped. */
final class Pages {
  private Pages() {}

  static HookResponse thanks() {
    return page(200, "Thank you", "Your details have been received.", List.of());
  }

  /** The form's problems, one line per field, so that the visitor can go back and correct them. */
  static HookResponse invalid(List<String> problems) {
    return page(400, "Please check your details",
        "Nothing was sent. Please go back to the form and correct the following:", problems);
  }

  static HookResponse refused(int status, String message) {
    return page(status, "Your details could not be sent", message, List.of());
  }

  private static HookResponse page(int status, String title, String message, List<String> items) {
    String list = items.isEmpty() ? ""
        : items.stream().map(item -> "<li>" + escape(item) + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"));
    return HookResponse.text(status, "text/html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
        + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p>" + list
        + "</body></html>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
