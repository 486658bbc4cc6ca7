package org.leadgate.web.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit; a larger body is not read further. */
public final class BoundedBody {
  private BoundedBody() {}

  /** The whole body, or empty if it is longer than {@code limit} bytes. */
  public static Optional<byte[]> read(HttpServletRequest request, int limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      return Optional.empty();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? Optional.empty() : Optional.of(body);
    }
  }
}
