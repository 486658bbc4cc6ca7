package org.leadgate.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadgate.quality.MxCheck.MailExchanger;
import org.leadgate.quality.MxCheck.Settings;
import org.leadgate.testing.MutableClock;

class MxCheckTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration TTL = Duration.ofHours(24);
  private static final Duration NEGATIVE_TTL = Duration.ofHours(1);

  private final MutableClock clock = MutableClock.atFixedStart();
  private FakeDns dns;
  private MxCheck mx;

  @BeforeEach
  void startDns() throws IOException {
    dns = new FakeDns(Map.of(
        "acme.de", List.of("mx1.acme.de", "mx2.acme.de"),
        "mail.acme-group.com", List.of("acme-group-com.mail.protection.outlook.com"),
        "no-mx.de", List.of(),
        "null-mx.de", List.of(".")));
    mx = new MxCheck(settings(true), clock);
  }

  @AfterEach
  void stopDns() {
    dns.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "acme.de; PRESENT",
      "ACME.DE; PRESENT",
      "mail.acme-group.com; PRESENT",
      "no-mx.de; ABSENT",
      "null-mx.de; ABSENT",
      "not-registered.de; ABSENT",
      "silent.de; UNKNOWN",
      "servfail.de; UNKNOWN",
  })
  void dns_answers_whether_a_domain_has_a_mail_exchanger(String domain, MailExchanger answer) {
    assertEquals(answer, mx.check(domain));
    assertTrue(dns.queries.get() >= 1);
  }

  @Test
  void a_found_mail_exchanger_is_remembered_for_the_ttl() {
    mx.check("acme.de");
    clock.advance(TTL.minusSeconds(1));

    assertEquals(MailExchanger.PRESENT, mx.check("acme.de"));
    assertEquals(1, dns.queries.get());

    clock.advance(Duration.ofSeconds(2));
    assertEquals(MailExchanger.PRESENT, mx.check("acme.de"));
    assertEquals(2, dns.queries.get());
  }

  @Test
  void a_missing_mail_exchanger_is_remembered_only_for_the_negative_ttl() {
    mx.check("not-registered.de");
    clock.advance(NEGATIVE_TTL.minusSeconds(1));

    assertEquals(MailExchanger.ABSENT, mx.check("not-registered.de"));
    assertEquals(1, dns.queries.get());

    clock.advance(Duration.ofSeconds(2));
    assertEquals(MailExchanger.ABSENT, mx.check("not-registered.de"));
    assertEquals(2, dns.queries.get());
  }

  @Test
  void no_answer_within_the_timeout_is_unknown_and_asked_again_next_time() {
    long start = System.nanoTime();
    assertEquals(MailExchanger.UNKNOWN, mx.check("silent.de"));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(waited.compareTo(TIMEOUT.multipliedBy(5)) < 0, "waited " + waited);
    assertEquals(MailExchanger.UNKNOWN, mx.check("silent.de"));
    assertEquals(2, dns.queries.get());
  }

  @Test
  void the_check_is_off_by_default_and_then_asks_nobody() {
    MxCheck off = new MxCheck(Settings.DEFAULTS, clock);

    assertEquals(MailExchanger.UNKNOWN, off.check("acme.de"));
    assertEquals(MailExchanger.UNKNOWN, new MxCheck(settings(false), clock).check("acme.de"));
    assertEquals(0, dns.queries.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "10.0.0.1", "example.com", "mail.internal", "acme"})
  void a_name_that_is_not_public_has_no_mail_exchanger_and_is_not_looked_up(String domain) {
    assertEquals(MailExchanger.ABSENT, mx.check(domain));
    assertEquals(0, dns.queries.get());
  }

  @Test
  void settings_refuse_a_timeout_or_ttl_that_is_not_positive() {
    assertThrows(IllegalArgumentException.class,
        () -> new Settings(true, Duration.ZERO, TTL, NEGATIVE_TTL, 10, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Settings(true, TIMEOUT, TTL, Duration.ofSeconds(-1), 10, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Settings(true, TIMEOUT, TTL, NEGATIVE_TTL, 0, List.of()));
  }

  private Settings settings(boolean enabled) {
    return new Settings(enabled, TIMEOUT, TTL, NEGATIVE_TTL, 100, List.of("127.0.0.1:" + dns.port()));
  }

  /**
   * A DNS server on a localhost UDP port answering MX queries (RFC 1035 messages) from a table of domains and their
   * mail exchangers ({@code .} is a null MX); {@code silent.de} gets no answer, {@code servfail.de} a SERVFAIL, any
   * other name NXDOMAIN.
   */
  @Test
  void the_lead_checks_flag_a_valid_address_whose_domain_receives_no_mail_and_keep_it() {
    org.leadgate.config.FormConfig form = new org.leadgate.config.FormConfig("contact", "Contact",
        List.of(new org.leadgate.config.FieldConfig("email", "Email", org.leadgate.config.FieldType.EMAIL, true,
            254)), "/thanks", List.of(), List.of(), org.leadgate.config.FormConfig.Audience.UNKNOWN,
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    LeadChecks checks = new LeadChecks(new EmailCheck(java.util.Set.of()), mx, new PhoneCheck(), "DE");

    for (String address : List.of("ada@no-mx.de", "ada@acme.de")) {
      org.leadgate.lead.Lead lead = new org.leadgate.lead.Lead("lead-1", "contact", clock.instant(), Map.of("email",
          new org.leadgate.lead.FieldValue(address, org.leadgate.lead.Provenance.typed("contact", clock.instant()))));
      org.leadgate.lead.FieldValue email = checks.check(lead, form, clock.instant()).fields().get("email");
      assertEquals(address, email.value());
      assertEquals(address.endsWith("no-mx.de"),
          email.flags().stream().anyMatch(flag -> flag.code().equals(LeadChecks.NO_MAIL_EXCHANGER)), address);
    }
  }

  private static final class FakeDns implements AutoCloseable {
    private static final int TYPE_MX = 15;
    private final Map<String, List<String>> exchanges;
    private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    private final AtomicInteger queries = new AtomicInteger();

    FakeDns(Map<String, List<String>> exchanges) throws IOException {
      this.exchanges = exchanges;
      Thread server = new Thread(this::serve, "fake-dns");
      server.setDaemon(true);
      server.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      byte[] buffer = new byte[512];
      while (!socket.isClosed()) {
        DatagramPacket query = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(query);
          queries.incrementAndGet();
          byte[] reply = reply(query.getData(), query.getLength());
          if (reply.length > 0) {
            socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private byte[] reply(byte[] query, int length) {
      List<String> labels = new ArrayList<>();
      int at = 12;
      for (int size = query[at]; size > 0; size = query[at]) {
        labels.add(new String(query, at + 1, size, StandardCharsets.US_ASCII));
        at += size + 1;
      }
      int questionEnd = at + 5; // the root label, QTYPE and QCLASS
      int type = (query[at + 1] & 0xff) << 8 | query[at + 2] & 0xff;
      String name = String.join(".", labels).toLowerCase(Locale.ROOT);
      if (name.equals("silent.de") || questionEnd > length) {
        return new byte[0];
      }
      List<String> hosts = type == TYPE_MX ? exchanges.getOrDefault(name, List.of()) : List.of();
      int rcode = name.equals("servfail.de") ? 2 : exchanges.containsKey(name) ? 0 : 3;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(query, 0, 2); // ID
      writeShort(out, 0x8180 | rcode); // response, recursion desired and available
      writeShort(out, 1);
      writeShort(out, rcode == 0 ? hosts.size() : 0);
      writeShort(out, 0);
      writeShort(out, 0);
      out.write(query, 12, questionEnd - 12);
      if (rcode == 0) {
        for (String host : hosts) {
          byte[] exchange = encodedName(host);
          writeShort(out, 0xc00c); // the name: a pointer to the question's
          writeShort(out, TYPE_MX);
          writeShort(out, 1); // IN
          writeShort(out, 0);
          writeShort(out, 300); // TTL
          writeShort(out, 2 + exchange.length);
          writeShort(out, host.equals(".") ? 0 : 10); // preference
          out.write(exchange, 0, exchange.length);
        }
      }
      return out.toByteArray();
    }

    private static byte[] encodedName(String host) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (String label : host.split("\\.")) {
        if (!label.isEmpty()) {
          out.write(label.length());
          out.write(label.getBytes(StandardCharsets.US_ASCII), 0, label.length());
        }
      }
      out.write(0);
      return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
      out.write(value >> 8 & 0xff);
      out.write(value & 0xff);
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
