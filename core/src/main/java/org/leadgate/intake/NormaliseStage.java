package org.leadgate.intake;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.leadgate.config.FieldConfig;
import org.leadgate.config.FieldType;
import org.leadgate.config.FormConfig;
import org.leadgate.lead.FieldValue;
import org.leadgate.lead.Lead;
import org.leadgate.pipeline.Outcome;
import org.leadgate.pipeline.Stage;

/**
 * Tidies typed values before they are checked: Unicode NFC, trimmed, runs of white space folded (line breaks kept
 * in text areas only), email domains lower-cased.
 */
public final class NormaliseStage implements Stage {
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern SPACES = Pattern.compile("[\\t\\x0B\\f\\r ]+");
  private static final Pattern SPACE_AROUND_LINE_BREAK = Pattern.compile(" ?\\n ?");

  private final FormConfig form;

  public NormaliseStage(FormConfig form) {
    this.form = form;
  }

  @Override
  public Outcome process(Chain chain) {
    Lead lead = chain.lead();
    for (Map.Entry<String, FieldValue> entry : lead.fields().entrySet()) {
      FieldType type = form.field(entry.getKey()).map(FieldConfig::type).orElse(FieldType.TEXT);
      String tidy = tidy(entry.getValue().value(), type == FieldType.TEXTAREA);
      if (type == FieldType.EMAIL) {
        tidy = lowerCaseDomain(tidy);
      }
      lead = lead.withField(entry.getKey(), new FieldValue(tidy, entry.getValue().provenance()));
    }
    return chain.proceed(lead);
  }

  static String tidy(String value, boolean keepLineBreaks) {
    String nfc = Normalizer.normalize(value, Normalizer.Form.NFC).replace("\r\n", "\n");
    if (!keepLineBreaks) {
      return WHITE_SPACE.matcher(nfc).replaceAll(" ").strip();
    }
    return SPACE_AROUND_LINE_BREAK.matcher(SPACES.matcher(nfc).replaceAll(" ")).replaceAll("\n").strip();
  }

  private static String lowerCaseDomain(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "NormaliseStage";
  }
}
