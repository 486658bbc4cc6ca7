package org.leadgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leadgate.config.ConfigException;
import org.leadgate.crm.log.LogTargetFactory;

class PluginsTest {
  /** Two factories of different classes that both claim the id {@code acme}. */
  static final class AcmeFactory implements CrmAdapterFactory {
    @Override
    public String id() {
      return "acme";
    }

    @Override
    public CrmAdapter create(PluginContext context) {
      throw new UnsupportedOperationException();
    }
  }

  static final class OtherAcmeFactory implements CrmAdapterFactory {
    @Override
    public String id() {
      return "acme";
    }

    @Override
    public CrmAdapter create(PluginContext context) {
      throw new UnsupportedOperationException();
    }
  }

  private static ClassLoader classLoader() {
    return PluginsTest.class.getClassLoader();
  }

  @Test
  void builtInLogTargetIsFoundByItsId() {
    CrmAdapterFactory factory = Plugins.crmAdapters(classLoader()).require("log", "crm.adapter");

    assertEquals(LogTargetFactory.class, factory.getClass());
    assertEquals("log", factory.id());
  }

  @Test
  void unknownIdIsRefusedAtTheConfiguredKeyWithTheKnownIdsListed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Plugins.crmAdapters(classLoader()).require("salesfarce", "crm.adapter"));

    assertEquals("crm.adapter", e.key());
    assertTrue(e.getMessage().contains("'salesfarce'"), e.getMessage());
    assertTrue(e.getMessage().contains("known ids: log"), e.getMessage());
  }

  @Test
  void twoFactoriesWithOneIdAreRefusedNamingBothClasses() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Plugins.of("CRM adapter",
        List.<CrmAdapterFactory>of(new AcmeFactory(), new LogTargetFactory(), new OtherAcmeFactory()),
        CrmAdapterFactory::id));

    assertTrue(e.getMessage().contains("'acme'"), e.getMessage());
    assertTrue(e.getMessage().contains(AcmeFactory.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(OtherAcmeFactory.class.getName()), e.getMessage());
  }

  @Test
  void factoriesAreKeyedByIdAndListedInOrder() {
    AcmeFactory acme = new AcmeFactory();
    Plugins<CrmAdapterFactory> plugins =
        Plugins.of("CRM adapter", List.of(new LogTargetFactory(), acme), CrmAdapterFactory::id);

    assertSame(acme, plugins.require("acme", "crm.adapter"));
    assertEquals(List.of("acme", "log"), List.copyOf(plugins.ids()));
    ConfigException e = assertThrows(ConfigException.class, () -> plugins.require("x", "crm.adapter"));
    assertTrue(e.getMessage().contains("known ids: acme, log"), e.getMessage());
  }

  @Test
  void emptyRegistryNamesNoIds() {
    Plugins<CrmAdapterFactory> none = Plugins.of("CRM adapter", List.of(), CrmAdapterFactory::id);

    assertEquals(Set.of(), none.ids());
    assertEquals("crm.adapter", assertThrows(ConfigException.class, () -> none.require("log", "crm.adapter")).key());
  }
}
