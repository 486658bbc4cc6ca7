package org.leadgate.crm.generic;

import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.leadgate.crm.generic.auth.AuthSettings;
import org.leadgate.crm.generic.auth.ClientCredentials;
import org.leadgate.crm.generic.auth.RequestSigner;
import org.leadgate.crm.generic.auth.StaticCredentials;

/** Reads {@code auth} and {@code signing}. Secrets come from configuration (use {@code ${ENV}}); none are echoed. */
final class AuthReader {
  private AuthReader() {}

  /**
   * {@code auth.type}: {@code none} (default), {@code bearer} ({@code token}), {@code basic} ({@code username},
   * {@code password}), {@code apiKey} ({@code in: header|query}, {@code name}, {@code value}) or {@code oauth2}
   * (client credentials: {@code tokenUrl}, {@code clientId}, {@code clientSecret}, optional {@code scope} and
   * {@code clientAuth: basic|body}).
   */
  static AuthSettings auth(Layers auth) {
    String type = auth.string("type", "none");
    return switch (type) {
      case "none" -> {
        auth.allowOnly("type");
        yield StaticCredentials.NONE;
      }
      case "bearer" -> {
        auth.allowOnly("type", "token");
        yield StaticCredentials.bearer(headerValue(auth, "token"));
      }
      case "basic" -> {
        auth.allowOnly("type", "username", "password");
        yield StaticCredentials.basic(auth.string("username"), auth.string("password"));
      }
      case "apiKey" -> apiKey(auth);
      case "oauth2" -> oauth2(auth);
      default -> throw auth.error("type", "must be none, bearer, basic, apiKey or oauth2 but was '" + type + "'");
    };
  }

  private static AuthSettings apiKey(Layers auth) {
    auth.allowOnly("type", "in", "name", "value");
    String in = auth.string("in", "header").toLowerCase(Locale.ROOT);
    if (in.equals("query")) {
      return StaticCredentials.queryParameter(auth.string("name"), auth.string("value"));
    }
    if (!in.equals("header")) {
      throw auth.error("in", "must be header or query but was '" + in + "'");
    }
    return StaticCredentials.header(headerName(auth, "name", auth.string("name")), headerValue(auth, "value"));
  }

  private static AuthSettings oauth2(Layers auth) {
    auth.allowOnly("type", "tokenUrl", "clientId", "clientSecret", "scope", "clientAuth");
    HttpUrl tokenUrl = HttpUrl.get(auth.httpUrl("tokenUrl").toString());
    String clientAuth = auth.string("clientAuth", "basic").toLowerCase(Locale.ROOT);
    if (!clientAuth.equals("basic") && !clientAuth.equals("body")) {
      throw auth.error("clientAuth", "must be basic or body but was '" + clientAuth + "'");
    }
    return new ClientCredentials(tokenUrl, auth.string("clientId"), auth.string("clientSecret"),
        auth.optionalString("scope"), clientAuth.equals("basic"));
  }

  /**
   * {@code signing}: HMAC-SHA256 over {@code canonical} (default {@code {timestamp}.{body}}) with {@code secret},
   * written as {@code encoding} ({@code hex} or {@code base64}) after {@code prefix} into {@code signatureHeader}
   * (default {@code X-Signature}); the Unix time goes into {@code timestampHeader} (default {@code X-Timestamp}).
   */
  static Optional<RequestSigner> signing(Layers signing) {
    String[] keys = {"secret", "signatureHeader", "timestampHeader", "encoding", "prefix", "canonical"};
    signing.allowOnly(keys);
    if (!signing.has("secret")) {
      for (String key : keys) {
        if (signing.has(key)) {
          throw signing.error("secret", "is required when signing is configured");
        }
      }
      return Optional.empty();
    }
    String signatureHeader = headerName(signing, "signatureHeader", signing.string("signatureHeader", "X-Signature"));
    String timestampHeader = headerName(signing, "timestampHeader", signing.string("timestampHeader", "X-Timestamp"));
    if (signatureHeader.equalsIgnoreCase(timestampHeader)) {
      throw signing.error("timestampHeader", "must differ from signatureHeader");
    }
    String encoding = signing.string("encoding", "hex").toLowerCase(Locale.ROOT);
    if (!encoding.equals("hex") && !encoding.equals("base64")) {
      throw signing.error("encoding", "must be hex or base64 but was '" + encoding + "'");
    }
    String canonical = signing.string("canonical", RequestSigner.DEFAULT_CANONICAL);
    try {
      RequestSigner.checkCanonical(canonical);
    } catch (IllegalArgumentException e) {
      throw signing.error("canonical", e.getMessage());
    }
    return Optional.of(new RequestSigner(signing.string("secret"), signatureHeader, timestampHeader,
        encoding.equals("hex") ? RequestSigner.Encoding.HEX : RequestSigner.Encoding.BASE64,
        signing.string("prefix", ""), canonical));
  }

  /** A header name from {@code key}, checked. */
  private static String headerName(Layers section, String key, String name) {
    HeaderRules.nameProblem(name, HeaderRules.ADAPTER_HEADERS).ifPresent(p -> {
      throw section.error(key, p);
    });
    return name;
  }

  /** A secret sent in a header: it must be printable ASCII. */
  private static String headerValue(Layers auth, String key) {
    String value = auth.string(key);
    HeaderRules.valueProblem(value).ifPresent(p -> {
      throw auth.error(key, p);
    });
    return value;
  }
}
