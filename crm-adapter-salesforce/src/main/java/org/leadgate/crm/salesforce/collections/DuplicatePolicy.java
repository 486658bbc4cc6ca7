package org.leadgate.crm.salesforce.collections;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.leadgate.config.ConfigNode;

/** What to do when a duplicate rule refuses a lead ({@code DUPLICATES_DETECTED}); {@code crm.settings.duplicates}. */
public enum DuplicatePolicy {
  /** Save it anyway: resend with {@code Sforce-Duplicate-Rule-Header: allowSave=true} (rules set to "Allow"). */
  SAVE,
  /** Update the matched record (the most confident match) instead and deliver the lead to it. */
  ATTACH,
  /** Reject the lead, naming the matched records. */
  REJECT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DuplicatePolicy from(ConfigNode settings, String key, DuplicatePolicy defaultPolicy) {
    String text = settings.string(key, defaultPolicy.id());
    return Arrays.stream(values()).filter(policy -> policy.id().equals(text)).findFirst()
        .orElseThrow(() -> settings.error(key, "must be one of "
            + Arrays.stream(values()).map(DuplicatePolicy::id).collect(Collectors.joining(", ")) + " but was '"
            + text + "'"));
  }
}
