package org.leadgate.web.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.leadgate.testing.Eventually;

/** The gateway in a JVM of its own, so that a test can kill it as a crash or an operator would. */
public final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@link EmbeddedGateway#main} with this JVM's class path and waits until it serves. */
  public static GatewayProcess start(Path config, Path workDirectory) throws Exception {
    Path portFile = Files.createTempFile(workDirectory, "port", ".txt");
    Files.delete(portFile);
    Path log = workDirectory.resolve("gateway-" + System.nanoTime() + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Dleadgate.war=" + EmbeddedGateway.war(),
        "-cp", System.getProperty("java.class.path"), EmbeddedGateway.class.getName(),
        config.toString(), portFile.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      Eventually.await("the gateway process serves (log: " + log + ")", Duration.ofSeconds(60), () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("the gateway process exited:\n" + Files.readString(log));
        }
        return Files.exists(portFile);
      });
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    return new GatewayProcess(process, Integer.parseInt(Files.readString(portFile).trim()));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Kills the process without letting it shut down (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
  }
}
