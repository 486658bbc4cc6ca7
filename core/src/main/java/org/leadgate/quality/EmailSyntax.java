package org.leadgate.quality;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import org.leadgate.enrichment.net.PublicDomains;

/**
 * Reads an email address the way mail providers accept it: an RFC 5321 mailbox (dot-atom or quoted local part, at
 * most 64 characters; a public domain, IDN as punycode, at most 255; the whole at most 254), without the RFC 5322
 * forms no provider takes (comments, obsolete local parts, address literals, non-ASCII local parts).
 */
final class EmailSyntax {
  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_DOMAIN = 255;
  private static final int MAX_ADDRESS = 254;
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private EmailSyntax() {}

  /** What an address reads as. */
  sealed interface Parsed permits Address, Invalid {}

  /** A valid address: the local part as typed, the domain in lowercase ASCII. */
  record Address(String localPart, String domain) implements Parsed {
    String text() {
      return localPart + "@" + domain;
    }
  }

  /** Not an address providers accept, and why. */
  record Invalid(String reason) implements Parsed {}

  static Parsed parse(String text) {
    if (text.isEmpty()) {
      return new Invalid("empty");
    }
    // every character gives at least half an ASCII character (a surrogate pair at least one): surely too long
    if (text.length() > 2 * MAX_ADDRESS) {
      return new Invalid("longer than " + MAX_ADDRESS + " characters");
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return new Invalid("no @ sign");
    }
    String localPart = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (localPart.isEmpty()) {
      return new Invalid("nothing before the @");
    }
    if (domain.isEmpty()) {
      return new Invalid("nothing after the @");
    }
    Optional<String> problem = localPartProblem(localPart).or(() -> domainProblem(domain));
    if (problem.isPresent()) {
      return new Invalid(problem.get());
    }
    return ascii(domain).<Parsed>map(ascii -> address(localPart, ascii))
        .orElseGet(() -> new Invalid("the domain is not a valid host name"));
  }

  private static Parsed address(String localPart, String domain) {
    if (domain.length() > MAX_DOMAIN) {
      return new Invalid("the domain is longer than " + MAX_DOMAIN + " characters");
    }
    if (domain.indexOf('.') < 0) {
      return new Invalid("the domain has no top-level domain (like .de or .com)");
    }
    if (PublicDomains.normalise(domain).isEmpty()) {
      return new Invalid("the domain is no public internet domain: an IP address, a reserved or internal name, "
          + "or an unknown kind of top-level domain");
    }
    Address address = new Address(localPart, domain);
    return address.text().length() > MAX_ADDRESS
        ? new Invalid("longer than " + MAX_ADDRESS + " characters") : address;
  }

  private static Optional<String> localPartProblem(String localPart) {
    if (localPart.length() > MAX_LOCAL_PART) {
      return Optional.of("the part before the @ is longer than " + MAX_LOCAL_PART + " characters");
    }
    return localPart.startsWith("\"") ? quotedProblem(localPart) : dotAtomProblem(localPart);
  }

  private static Optional<String> dotAtomProblem(String localPart) {
    if (localPart.startsWith(".") || localPart.endsWith(".")) {
      return Optional.of("the part before the @ starts or ends with a dot");
    }
    if (localPart.contains("..")) {
      return Optional.of("the part before the @ has two dots in a row");
    }
    for (int c : localPart.codePoints().toArray()) {
      if (c > 127) {
        return Optional.of("the part before the @ contains " + shown(c)
            + ", which most mail servers refuse (it needs SMTPUTF8)");
      }
      if (c != '.' && !isAtext(c)) {
        return Optional.of("the part before the @ contains " + shown(c) + ", allowed only inside quotes");
      }
    }
    return Optional.empty();
  }

  /** An RFC 5321 Quoted-string: printable ASCII and spaces, with {@code "} and {@code \} escaped by {@code \}. */
  private static Optional<String> quotedProblem(String localPart) {
    int end = localPart.length() - 1;
    if (end == 0 || localPart.charAt(end) != '"') {
      return Optional.of("the quoted part before the @ does not end with a quote");
    }
    for (int i = 1; i < end; i++) {
      char c = localPart.charAt(i);
      if (c == '"') {
        return Optional.of("a quote inside the quoted part before the @ is not escaped");
      }
      if (c == '\\') {
        if (i + 1 == end) {
          return Optional.of("the quoted part before the @ ends with an escaped quote");
        }
        c = localPart.charAt(++i);
      }
      if (c < ' ' || c > '~') {
        return Optional.of("the quoted part before the @ contains " + shown(c));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> domainProblem(String domain) {
    if (domain.startsWith("[")) {
      return Optional.of("an address literal ([…]) instead of a domain, which mail providers do not accept");
    }
    if (domain.endsWith(".")) {
      return Optional.of("the domain ends with a dot");
    }
    return Optional.empty();
  }

  private static Optional<String> ascii(String domain) {
    try {
      return Optional.of(IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isAtext(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ATEXT_SYMBOLS.indexOf(c) >= 0;
  }

  private static String shown(int c) {
    if (c == ' ') {
      return "a space";
    }
    return c < ' ' || c == 127 ? String.format("the control character U+%04X", c) : "'" + Character.toString(c) + "'";
  }
}
