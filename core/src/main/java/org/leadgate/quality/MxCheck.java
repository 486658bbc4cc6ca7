package org.leadgate.quality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.leadgate.enrichment.net.PublicDomains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks DNS (the JDK's JNDI DNS provider) whether a mail domain has a mail exchanger. Optional and off by default
 * ({@link Settings#DEFAULTS}): it runs only in the background (enrichment), never while a submission is taken in,
 * since an answer can take as long as the timeout. Each DNS server is asked once and waited for at most the timeout.
 * Answers are cached: {@link MailExchanger#PRESENT} for the TTL, {@link MailExchanger#ABSENT} for the negative TTL;
 * {@link MailExchanger#UNKNOWN} (timeout, DNS failure, or the check is off) is not cached.
 */
public final class MxCheck {
  private static final Logger LOG = LoggerFactory.getLogger(MxCheck.class);

  /** Whether a domain can receive mail by its MX records. */
  public enum MailExchanger {
    /** At least one MX record names a host. */
    PRESENT,
    /** The domain does not exist, has no MX record, or only a null MX (RFC 7505); A records are not counted. */
    ABSENT,
    /** Not known: DNS did not answer in time or failed, or the check is off. */
    UNKNOWN
  }

  /**
   * @param enabled false by default: every check then answers {@link MailExchanger#UNKNOWN} without a lookup
   * @param timeout how long to wait for one DNS server
   * @param ttl how long a found mail exchanger is remembered
   * @param negativeTtl how long a missing one is remembered
   * @param maxEntries how many domains are remembered at most
   * @param dnsServers {@code host:port} or {@code host} of the DNS servers to ask; none: the system's resolvers
   */
  public record Settings(boolean enabled, Duration timeout, Duration ttl, Duration negativeTtl, long maxEntries,
      List<String> dnsServers) {
    public static final Settings DEFAULTS = new Settings(false, Duration.ofSeconds(2), Duration.ofDays(1),
        Duration.ofHours(1), 10_000, List.of());

    public Settings {
      requirePositive(timeout, "timeout");
      requirePositive(ttl, "ttl");
      requirePositive(negativeTtl, "negativeTtl");
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1 but was " + maxEntries);
      }
      dnsServers = List.copyOf(dnsServers);
    }

    private static void requirePositive(Duration duration, String name) {
      if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + duration);
      }
    }
  }

  private final Settings settings;
  private final Cache<String, MailExchanger> answers;

  public MxCheck(Settings settings, Clock clock) {
    this.settings = settings;
    this.answers = Caffeine.newBuilder()
        .maximumSize(settings.maxEntries())
        .expireAfter(Expiry.writing((String domain, MailExchanger answer) ->
            answer == MailExchanger.PRESENT ? settings.ttl() : settings.negativeTtl()))
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  /** Whether the ASCII {@code domain} has a mail exchanger; a name that is not public never has one. */
  public MailExchanger check(String domain) {
    if (!settings.enabled()) {
      return MailExchanger.UNKNOWN;
    }
    String name = domain.toLowerCase(Locale.ROOT);
    if (PublicDomains.normalise(name).isEmpty()) {
      return MailExchanger.ABSENT;
    }
    MailExchanger cached = answers.getIfPresent(name);
    if (cached != null) {
      return cached;
    }
    MailExchanger answer = lookUp(name);
    if (answer != MailExchanger.UNKNOWN) {
      answers.put(name, answer);
    }
    return answer;
  }

  private MailExchanger lookUp(String domain) {
    DirContext dns = null;
    try {
      dns = new InitialDirContext(environment());
      Attribute mx = dns.getAttributes(domain, new String[] {"MX"}).get("MX");
      return mx != null && namesAHost(mx) ? MailExchanger.PRESENT : MailExchanger.ABSENT;
    } catch (NameNotFoundException e) {
      return MailExchanger.ABSENT;
    } catch (NamingException e) {
      LOG.warn("event=quality.mx_lookup_failed kind={}", e.getClass().getSimpleName());
      return MailExchanger.UNKNOWN;
    } finally {
      close(dns);
    }
  }

  /** True unless every record is a null MX ({@code 0 .}). */
  private static boolean namesAHost(Attribute mx) throws NamingException {
    NamingEnumeration<?> records = mx.getAll();
    while (records.hasMore()) {
      String[] preferenceAndHost = records.next().toString().trim().split("\\s+");
      if (preferenceAndHost.length == 2 && !preferenceAndHost[1].equals(".")) {
        return true;
      }
    }
    return false;
  }

  private Hashtable<String, String> environment() {
    Hashtable<String, String> environment = new Hashtable<>();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    environment.put(Context.PROVIDER_URL, settings.dnsServers().isEmpty() ? "dns:"
        : settings.dnsServers().stream().map(server -> "dns://" + server).collect(Collectors.joining(" ")));
    environment.put("com.sun.jndi.dns.timeout.initial", Long.toString(settings.timeout().toMillis()));
    environment.put("com.sun.jndi.dns.timeout.retries", "1");
    return environment;
  }

  private static void close(DirContext dns) {
    if (dns == null) {
      return;
    }
    try {
      dns.close();
    } catch (NamingException e) {
      LOG.debug("event=quality.mx_context_close_failed", e);
    }
  }
}
