package org.leadgate.crm.salesforce.hooks;

import java.util.Map;
import org.leadgate.spi.HookResponse;

/** The rule both hooks share: they take POST only, and say so in the {@code Allow} header of their 405. */
public final class PostOnly {
  private PostOnly() {}

  public static boolean isPost(String method) {
    return "POST".equals(method);
  }

  /** {@code answer}, which must be a 405, with {@code Allow: POST}. */
  public static HookResponse refuse(HookResponse answer) {
    if (answer.status() != 405) {
      throw new IllegalArgumentException("not a 405: " + answer.status());
    }
    return new HookResponse(405, answer.contentType(), answer.body(), Map.of("Allow", "POST"));
  }
}
