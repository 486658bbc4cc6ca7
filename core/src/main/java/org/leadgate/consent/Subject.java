package org.leadgate.consent;

import java.util.Locale;
import java.util.Objects;

/**
 * The person a consent belongs to, as the address it is about: an email address (for email) or a phone number
 * (for phone and SMS). {@code value} is normalised so that one person has one subject per address.
 */
public record Subject(Kind kind, String value) {
  /** What kind of address identifies the subject. */
  public enum Kind {
    EMAIL,
    PHONE
  }

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /** An email subject; the address is compared case-insensitively. */
  public static Subject email(String address) {
    return new Subject(Kind.EMAIL, address.strip().toLowerCase(Locale.ROOT));
  }

  /** A phone subject; only the digits and a leading plus count. */
  public static Subject phone(String number) {
    String trimmed = number.strip();
    String digits = trimmed.replaceAll("[^0-9]", "");
    return new Subject(Kind.PHONE, trimmed.startsWith("+") ? "+" + digits : digits);
  }

  /** The subject a channel's consent is about, for the given email and phone of a lead. */
  public static Subject forChannel(Channel channel, String email, String phone) {
    return channel == Channel.EMAIL ? email(email) : phone(phone);
  }
}
