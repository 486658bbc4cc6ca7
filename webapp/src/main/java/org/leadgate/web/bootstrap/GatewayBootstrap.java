package org.leadgate.web.bootstrap;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.Optional;
import org.leadgate.Gateway;
import org.leadgate.config.ConfigException;
import org.leadgate.config.ConfigLoader;
import org.leadgate.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: loads the configuration, starts the {@link Gateway} and hands it to the servlets as a
 * context attribute. A bad configuration stops the web application with a message that names the key.
 */
public final class GatewayBootstrap implements ServletContextListener {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayBootstrap.class);
  private static final String ATTRIBUTE = Gateway.class.getName();

  /** The gateway of this web application. */
  public static Gateway gateway(ServletContext context) {
    return (Gateway) context.getAttribute(ATTRIBUTE);
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    ConfigLoader loader = new ConfigLoader(System::getenv);
    Optional<java.nio.file.Path> file =
        loader.locate(Optional.ofNullable(context.getInitParameter("leadgate.config")));
    try {
      GatewayConfig config = loader.load(file);
      LOG.info("event=config.loaded source={}", file.map(Object::toString).orElse("built-in demo default"));
      context.setAttribute(ATTRIBUTE, Gateway.start(config, GatewayBootstrap.class.getClassLoader(), Clock.systemUTC()));
    } catch (ConfigException e) {
      LOG.error("event=startup.failed {}", e.getMessage());
      throw e;
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    Gateway gateway = gateway(event.getServletContext());
    if (gateway != null) {
      gateway.close();
    }
  }
}
