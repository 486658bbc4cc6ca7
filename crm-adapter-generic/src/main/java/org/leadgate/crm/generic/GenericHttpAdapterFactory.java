package org.leadgate.crm.generic;

import org.leadgate.crm.generic.inbound.GenericWebhooks;
import org.leadgate.spi.CrmAdapter;
import org.leadgate.spi.CrmAdapterFactory;
import org.leadgate.spi.PluginContext;

/** Builds the {@code generic-http} adapter from {@code crm.settings}; registered for {@link java.util.ServiceLoader}. */
public final class GenericHttpAdapterFactory implements CrmAdapterFactory {
  public static final String ID = "generic-http";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CrmAdapter create(PluginContext context) {
    return new GenericHttpAdapter(SettingsReader.read(context.settings()), context.clock(),
        GenericWebhooks.from(context.settings(), context.clock(), context.forms()));
  }
}
