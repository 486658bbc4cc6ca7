package org.leadgate.enrichment.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.leadgate.enrichment.EnrichmentInput;

/** A value from the lead that a URL template may carry; its key names it in the template and in the lookup query. */
enum Placeholder {
  DOMAIN("domain", EnrichmentInput::domain),
  IP("ip", input -> input.ip().map(InetAddress::getHostAddress)),
  COMPANY_NAME("companyName", EnrichmentInput::companyName);

  private final String key;
  private final Function<EnrichmentInput, Optional<String>> value;

  Placeholder(String key, Function<EnrichmentInput, Optional<String>> value) {
    this.key = key;
    this.value = value;
  }

  String key() {
    return key;
  }

  Optional<String> valueIn(EnrichmentInput input) {
    return value.apply(input);
  }

  static Optional<Placeholder> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }
}
