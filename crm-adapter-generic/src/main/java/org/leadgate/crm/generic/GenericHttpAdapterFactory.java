package org.leadgate.crm.generic;

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
    return new GenericHttpAdapter(GenericHttpSettings.from(context.settings()), context.clock());
  }
}
