package org.leadgate.crm.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.leadgate.lead.LeadJson;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.Delivery;
import org.leadgate.spi.DeliveryResult;

/** Appends each lead as one JSON line and forces it to disk before acknowledging. */
final class LogTarget implements CrmAdapter {
  private final Path file;
  private FileChannel channel;

  LogTarget(Path file) {
    this.file = file;
  }

  @Override
  public synchronized DeliveryResult deliver(Delivery delivery) {
    byte[] json = LeadJson.toBytes(delivery.lead());
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    try {
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
      }
      while (line.hasRemaining()) {
        channel.write(line);
      }
      channel.force(false);
      return DeliveryResult.delivered(null);
    } catch (IOException e) {
      close();
      return DeliveryResult.retry("cannot write " + file + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was acknowledged on this channel after its last successful force
      }
      channel = null;
    }
  }
}
