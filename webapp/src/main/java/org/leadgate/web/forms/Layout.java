package org.leadgate.web.forms;

/** The frame around every page: head, stylesheet, footer. */
public final class Layout {
  private Layout() {}

  public static String head(String contextPath, String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + Html.escape(title) + "</title>\n"
        + "<link rel=\"stylesheet\" href=\"" + Html.escape(contextPath) + "/static/leadgate.css\">\n"
        + "</head>\n<body>\n<main>\n";
  }

  public static String foot() {
    return "</main>\n<footer>Sent through LeadGate</footer>\n</body>\n</html>\n";
  }

  public static String message(String contextPath, String title, String text) {
    return head(contextPath, title) + "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text) + "</p>\n"
        + foot();
  }
}
