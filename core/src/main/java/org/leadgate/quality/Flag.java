package org.leadgate.quality;

import java.util.Objects;

/** A finding about a typed value: a stable code ({@code email.invalid}, {@code phone.invalid}, …) and why. */
public record Flag(String code, String reason) {
  public Flag {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
