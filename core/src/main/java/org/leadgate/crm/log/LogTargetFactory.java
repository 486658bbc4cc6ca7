package org.leadgate.crm.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@code log} target for demos and dry runs: writes each delivered lead as one JSON line to a file
 * ({@code settings.file}, default {@code <dataDirectory>/delivered.jsonl}).
 */
public final class LogTargetFactory implements CrmAdapterFactory {
  private static final Logger LOG = LoggerFactory.getLogger(LogTargetFactory.class);

  @Override
  public String id() {
    return "log";
  }

  @Override
  public CrmAdapter create(PluginContext context) {
    context.settings().allowOnly("file");
    Path file = context.settings().optionalString("file").map(Path::of)
        .orElse(context.dataDirectory().resolve("delivered.jsonl")).toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw context.settings().error("file", "cannot create the directory " + file.getParent() + ": "
          + e.getMessage());
    }
    LOG.info("event=crm.log_target file={} note=\"no CRM is configured: delivered leads are written to this file\"",
        file);
    return new LogTarget(file);
  }
}
