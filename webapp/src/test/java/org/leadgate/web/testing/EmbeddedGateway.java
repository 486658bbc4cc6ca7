package org.leadgate.web.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * The packaged LeadGate WAR in embedded Jetty 12 on a free port, configured by a YAML file. Also runs as its own
 * process ({@link #main}) for tests that kill the gateway.
 */
public final class EmbeddedGateway implements AutoCloseable {
  private final Server server;

  private EmbeddedGateway(Server server) {
    this.server = server;
  }

  /** The WAR that {@code mvn package} built (failsafe passes its path). */
  public static Path war() {
    Path war = Path.of(System.getProperty("leadgate.war", "target/leadgate.war"));
    if (!Files.isRegularFile(war)) {
      throw new IllegalStateException("no WAR at " + war.toAbsolutePath() + "; run 'mvn verify'");
    }
    return war;
  }

  public static EmbeddedGateway start(Path config) throws Exception {
    return start(config, 0);
  }

  public static EmbeddedGateway start(Path config, int port) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setWar(war().toString());
    webapp.setContextPath("/");
    webapp.setInitParameter("leadgate.config", config.toString());
    webapp.setThrowUnavailableOnStartupException(true);
    // One copy of SQLite's native library per process: the tests read the same database file, and two copies
    // in one process break each other's file locks (sqlite.org/howtocorrupt.html, section 2.2.1).
    webapp.addProtectedClassMatcher(new ClassMatcher("org.sqlite."));
    server.setHandler(webapp);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new EmbeddedGateway(server);
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  @Override
  public void close() {
    Http.forget(port());
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    }
  }

  /** {@code EmbeddedGateway <config.yml> <port-file>}: serves until killed, writes its port once started. */
  public static void main(String[] args) throws Exception {
    EmbeddedGateway gateway = start(Path.of(args[0]));
    Path portFile = Path.of(args[1]);
    Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(partial, String.valueOf(gateway.port()));
    Files.move(partial, portFile);
    gateway.server.join();
  }
}
