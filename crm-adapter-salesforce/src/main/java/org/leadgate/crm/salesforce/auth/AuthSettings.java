package org.leadgate.crm.salesforce.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigNode;

/**
 * How the adapter logs in: {@code crm.settings.loginUrl} and the {@code crm.settings.auth} section. Secrets stay
 * inside; {@link #toString()} shows none.
 */
public final class AuthSettings {
  static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofHours(2);
  static final String PRODUCTION = "https://login.salesforce.com";
  static final String SANDBOX = "https://test.salesforce.com";
  private static final Set<String> GENERIC_LOGIN_HOSTS = Set.of("login.salesforce.com", "test.salesforce.com");
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

  /** The OAuth grants the adapter supports. */
  public enum Flow {
    JWT_BEARER,
    CLIENT_CREDENTIALS;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Flow parse(ConfigNode auth, String key) {
      String text = auth.string(key, JWT_BEARER.id());
      return Arrays.stream(values()).filter(flow -> flow.id().equals(text)).findFirst()
          .orElseThrow(() -> auth.error(key, "must be one of "
              + Arrays.stream(values()).map(Flow::id).collect(Collectors.joining(", ")) + " but was '" + text + "'"));
    }
  }

  private final HttpUrl tokenUrl;
  private final Flow flow;
  private final TokenFlow grant;
  private final Duration sessionTimeout;

  private AuthSettings(HttpUrl tokenUrl, Flow flow, TokenFlow grant, Duration sessionTimeout) {
    this.tokenUrl = tokenUrl;
    this.flow = flow;
    this.grant = grant;
    this.sessionTimeout = sessionTimeout;
  }

  /** Reads {@code loginUrl} and {@code auth} from {@code crm.settings}. */
  public static AuthSettings from(ConfigNode settings) {
    URI loginUrl = settings.has("loginUrl") ? settings.httpUrl("loginUrl") : URI.create(PRODUCTION);
    String host = loginUrl.getHost().toLowerCase(Locale.ROOT);
    if (!"https".equalsIgnoreCase(loginUrl.getScheme()) && !LOCAL_HOSTS.contains(host)) {
      throw settings.error("loginUrl", "must be an https URL");
    }
    HttpUrl tokenUrl = HttpUrl.get(loginUrl.toString()).newBuilder()
        .encodedPath("/services/oauth2/token").query(null).fragment(null).build();

    ConfigNode auth = settings.section("auth").allowOnly("flow", "clientId", "username", "privateKey",
        "privateKeyFile", "clientSecret", "audience", "sessionTimeout");
    Flow flow = Flow.parse(auth, "flow");
    String clientId = auth.string("clientId");
    Duration sessionTimeout = auth.duration("sessionTimeout", DEFAULT_SESSION_TIMEOUT);
    if (sessionTimeout.compareTo(Duration.ofMinutes(15)) < 0 || sessionTimeout.compareTo(Duration.ofHours(24)) > 0) {
      throw auth.error("sessionTimeout", "must be between 15m and 24h (Salesforce's session timeout range)");
    }
    TokenFlow grant = switch (flow) {
      case JWT_BEARER -> {
        notFor(auth, flow, "clientSecret");
        String audience = auth.string("audience", defaultAudience(host));
        yield new JwtBearerFlow(clientId, auth.string("username"), audience, privateKey(auth));
      }
      case CLIENT_CREDENTIALS -> {
        notFor(auth, flow, "username", "privateKey", "privateKeyFile", "audience");
        if (GENERIC_LOGIN_HOSTS.contains(host)) {
          throw settings.error("loginUrl", "must be your My Domain URL (https://<domain>.my.salesforce.com) for "
              + "the client-credentials flow; " + host + " answers invalid_grant to it");
        }
        yield new ClientCredentialsFlow(clientId, auth.string("clientSecret"));
      }
    };
    return new AuthSettings(tokenUrl, flow, grant, sessionTimeout);
  }

  /** Sandboxes (test.salesforce.com, *.sandbox.my.salesforce.com) expect the sandbox audience. */
  private static String defaultAudience(String loginHost) {
    return loginHost.equals("test.salesforce.com") || loginHost.endsWith(".sandbox.my.salesforce.com")
        ? SANDBOX : PRODUCTION;
  }

  private static void notFor(ConfigNode auth, Flow flow, String... keys) {
    for (String key : keys) {
      if (auth.has(key)) {
        throw auth.error(key, "is not used by the " + flow.id() + " flow");
      }
    }
  }

  private static PrivateKey privateKey(ConfigNode auth) {
    boolean inline = auth.has("privateKey");
    if (inline == auth.has("privateKeyFile")) {
      throw auth.error("privateKey", "give exactly one of privateKey (PEM text) or privateKeyFile");
    }
    String key = inline ? "privateKey" : "privateKeyFile";
    String pem = inline ? auth.string(key) : readFile(auth, key);
    try {
      return PemPrivateKey.parse(pem);
    } catch (IllegalArgumentException e) {
      throw auth.error(key, e.getMessage());
    }
  }

  private static String readFile(ConfigNode auth, String key) {
    Path path = Path.of(auth.string(key));
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(auth.keyPath(key), "cannot read " + path + ": " + e.getClass().getSimpleName());
    }
  }

  public Flow flow() {
    return flow;
  }

  /** A token source for these settings, sharing the adapter's HTTP client and clock. */
  public TokenSource tokenSource(OkHttpClient http, Clock clock) {
    return new TokenSource(http, tokenUrl, grant, sessionTimeout, clock);
  }

  @Override
  public String toString() {
    return "AuthSettings[tokenUrl=" + tokenUrl + ", flow=" + flow.id() + ", sessionTimeout=" + sessionTimeout
        + ", secrets=(hidden)]";
  }
}
