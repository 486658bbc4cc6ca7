package org.leadgate.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, with one fresh database per {@link #newDatabase()} call.
 *
 * <p>If {@code LEADGATE_TEST_POSTGRES_URL} is set (a JDBC URL to a database on a server where
 * {@code LEADGATE_TEST_POSTGRES_USER} may create databases; password in {@code LEADGATE_TEST_POSTGRES_PASSWORD}),
 * databases are created there. Otherwise a throwaway server is started from the installed binaries
 * ({@code initdb}/{@code pg_ctl} on the {@code PATH} or in the highest {@code /usr/lib/postgresql/<version>/bin}),
 * in a temporary directory, listening on 127.0.0.1 on a free port, with durability switched off for speed. As root,
 * the server runs as the {@code postgres} user (PostgreSQL refuses to run as root). It is stopped and its directory
 * deleted when the JVM exits.
 *
 * <p>Anything missing or failing throws {@link IllegalStateException} with the command, its output and the server
 * log: tests that need PostgreSQL fail loudly rather than skip.
 */
public final class PostgresServer {
  private static final String ENV_URL = "LEADGATE_TEST_POSTGRES_URL";
  private static final String ENV_USER = "LEADGATE_TEST_POSTGRES_USER";
  private static final String ENV_PASSWORD = "LEADGATE_TEST_POSTGRES_PASSWORD";

  /** Superuser created by initdb for the throwaway server; trust authentication ignores the password. */
  private static final String LOCAL_USER = "leadgate";
  private static final String LOCAL_PASSWORD = "leadgate";
  private static final String OS_USER_AS_ROOT = "postgres";
  private static final long COMMAND_TIMEOUT_SECONDS = 120;
  private static final int START_ATTEMPTS = 3;

  private static PostgresServer shared;
  private static IllegalStateException sharedFailure;

  private final String adminUrl;
  private final String user;
  private final String password;

  private PostgresServer(String adminUrl, String user, String password) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
  }

  /** Connection settings of one database. */
  public record Database(String jdbcUrl, String user, String password) {}

  /** The one server for this JVM, started on first use, stopped by a shutdown hook. */
  public static synchronized PostgresServer shared() {
    if (shared != null) {
      return shared;
    }
    if (sharedFailure != null) {
      // Do not retry a failed start for every test: repeat the first failure.
      throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
    }
    try {
      String url = System.getenv(ENV_URL);
      shared = url != null && !url.isBlank()
          ? new PostgresServer(url, System.getenv(ENV_USER), Optional.ofNullable(System.getenv(ENV_PASSWORD)).orElse(""))
          : LocalServer.start();
      return shared;
    } catch (IllegalStateException e) {
      sharedFailure = e;
      throw e;
    } catch (RuntimeException e) {
      sharedFailure = new IllegalStateException("Could not start the test PostgreSQL server: " + e, e);
      throw sharedFailure;
    }
  }

  /** Creates a fresh, empty database (UTF8, C collation) and returns its connection settings. */
  public synchronized Database newDatabase() {
    String name = "leadgate_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = connect(adminUrl, user, password);
        Statement statement = connection.createStatement()) {
      // From template0, so nothing added to template1 leaks in; UTF8 and C collation, like the throwaway server.
      statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + " via " + adminUrl + " as " + user
          + ": " + e.getMessage(), e);
    }
    return new Database(withDatabase(adminUrl, name), user, password);
  }

  /** Replaces the database of a {@code jdbc:postgresql:} URL, keeping hosts, ports and parameters. */
  static String withDatabase(String url, String database) {
    String prefix = "jdbc:postgresql:";
    if (!url.startsWith(prefix)) {
      throw new IllegalStateException(ENV_URL + " must start with " + prefix + " but is " + url);
    }
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    String rest = base.substring(prefix.length());
    if (!rest.startsWith("//")) { // jdbc:postgresql:database
      return prefix + database + parameters;
    }
    int slash = rest.indexOf('/', 2);
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    return prefix + hosts + "/" + database + parameters;
  }

  /** Starts and stops a server of our own from the installed binaries. */
  private static final class LocalServer {
    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final boolean asRoot;

    private LocalServer(Path binDir, Path root, boolean asRoot) {
      this.binDir = binDir;
      this.root = root;
      this.dataDir = root.resolve("data");
      this.socketDir = root.resolve("socket");
      this.logFile = root.resolve("server.log");
      this.asRoot = asRoot;
    }

    static PostgresServer start() {
      Path binDir = findBinDir().orElseThrow(() -> new IllegalStateException(
          "PostgreSQL server binaries not found (initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin); "
              + "install the Debian package 'postgresql' or set " + ENV_URL));
      boolean asRoot = runningAsRoot();
      long started = System.nanoTime();
      LocalServer server;
      try {
        // As root, use /tmp: the postgres user must be able to reach the directory, and java.io.tmpdir may not.
        Path base = asRoot && Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        server = new LocalServer(binDir, Files.createTempDirectory(base, "leadgate-pg-"), asRoot);
        Files.createDirectories(server.socketDir);
        if (asRoot) {
          server.chownToPostgres();
        }
      } catch (IOException e) {
        throw new IllegalStateException("Could not prepare a directory for the test PostgreSQL server: " + e, e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "postgres-server-shutdown"));
      try {
        server.initdb();
        int port = server.startOnFreePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = connect(url, LOCAL_USER, LOCAL_PASSWORD);
            Statement statement = connection.createStatement()) {
          statement.execute("SELECT 1");
        } catch (SQLException e) {
          throw new IllegalStateException("Started PostgreSQL but could not connect to " + url + ": " + e.getMessage()
              + server.logTail(), e);
        }
        System.err.printf("[PostgresServer] PostgreSQL from %s started on 127.0.0.1:%d in %d ms (dir %s)%n",
            binDir, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), server.root);
        return new PostgresServer(url, LOCAL_USER, LOCAL_PASSWORD);
      } catch (RuntimeException e) {
        server.stopAndDelete();
        throw e;
      }
    }

    private void initdb() {
      run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", LOCAL_USER, "-A", "trust",
          "-E", "UTF8", "--no-locale", "--no-sync"), false);
    }

    /** Picks a free port and starts; another process may take the port in between, so retry on bind errors. */
    private int startOnFreePort() {
      for (int attempt = 1; ; attempt++) {
        int port = freePort();
        String options = "-p " + port + " -k '" + socketDir + "' -c listen_addresses=127.0.0.1"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        try {
          run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
              "-o", options, "-l", logFile.toString(), "start"), true);
          return port;
        } catch (IllegalStateException e) {
          String log = readLog();
          if (attempt >= START_ATTEMPTS || !(log.contains("could not bind") || log.contains("already in use"))) {
            throw e;
          }
        }
      }
    }

    void stopAndDelete() {
      if (Files.isRegularFile(dataDir.resolve("postmaster.pid"))) {
        try {
          run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w",
              "stop"), false);
        } catch (RuntimeException e) {
          System.err.println("[PostgresServer] " + e.getMessage());
        }
      }
      if (Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
          System.err.println("[PostgresServer] Could not delete " + root + ": " + e);
        }
      }
    }

    /** Runs a command (as postgres when we are root); output goes to a file so daemons cannot hold a pipe open. */
    private void run(List<String> command, boolean withLog) {
      List<String> full = new ArrayList<>();
      if (asRoot) {
        full.addAll(List.of("runuser", "-u", OS_USER_AS_ROOT, "--"));
      }
      full.addAll(command);
      Path output = null;
      try {
        output = Files.createTempFile("leadgate-pg-cmd-", ".log");
        Process process = new ProcessBuilder(full)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw failure(full, "timed out after " + COMMAND_TIMEOUT_SECONDS + " s", output, withLog);
        }
        if (process.exitValue() != 0) {
          throw failure(full, "exit code " + process.exitValue(), output, withLog);
        }
      } catch (IOException e) {
        throw new IllegalStateException("Could not run " + describe(full) + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while running " + describe(full), e);
      } finally {
        if (output != null) {
          output.toFile().delete();
        }
      }
    }

    private IllegalStateException failure(List<String> command, String what, Path output, boolean withLog)
        throws IOException {
      return new IllegalStateException("Command failed (" + what + "): " + describe(command)
          + "\n--- output ---\n" + Files.readString(output, StandardCharsets.UTF_8)
          + (withLog ? logTail() : ""));
    }

    /** The command as a shell would need it, so it can be pasted to reproduce a failure. */
    private static String describe(List<String> command) {
      return String.join(" ", command.stream()
          .map(arg -> arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'")
          .toList());
    }

    private String logTail() {
      List<String> lines = readLog().lines().toList();
      return "\n--- server log " + logFile + " (last 40 lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private String readLog() {
      try {
        return Files.isRegularFile(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "(no log file)";
      } catch (IOException e) {
        return "(could not read log file: " + e + ")";
      }
    }

    private void chownToPostgres() throws IOException {
      UserPrincipal owner;
      try {
        owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER_AS_ROOT);
      } catch (IOException e) {
        throw new IllegalStateException("Running as root, so PostgreSQL must run as the OS user '"
            + OS_USER_AS_ROOT + "', which does not exist (the Debian package 'postgresql' creates it): " + e, e);
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          Files.setOwner(path, owner);
        }
      }
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("Could not find a free TCP port: " + e, e);
      }
    }

    private static boolean runningAsRoot() {
      if ("root".equals(System.getProperty("user.name"))) {
        return true;
      }
      try {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    /** The first PATH directory with both initdb and pg_ctl, else the highest /usr/lib/postgresql/N/bin. */
    private static Optional<Path> findBinDir() {
      String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && hasBinaries(Path.of(dir))) {
          return Optional.of(Path.of(dir));
        }
      }
      Path versions = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(versions)) {
        return Optional.empty();
      }
      try (Stream<Path> dirs = Files.list(versions)) {
        return dirs.map(dir -> dir.resolve("bin"))
            .filter(LocalServer::hasBinaries)
            .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString(), LocalServer::compareVersions));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    private static boolean hasBinaries(Path dir) {
      return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    /** Compares "9.6", "15", "16" numerically, part by part. */
    private static int compareVersions(String a, String b) {
      String[] x = a.split("\\.");
      String[] y = b.split("\\.");
      for (int i = 0; i < Math.max(x.length, y.length); i++) {
        int c = Integer.compare(number(x, i), number(y, i));
        if (c != 0) {
          return c;
        }
      }
      return a.compareTo(b);
    }

    private static int number(String[] parts, int i) {
      try {
        return i < parts.length ? Integer.parseInt(parts[i]) : 0;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  /**
   * Connects through the driver class itself: in a JVM that also runs a web application, DriverManager may hold
   * only the web application's copy of the driver, which it will not hand to this class loader.
   */
  private static Connection connect(String url, String user, String password) throws SQLException {
    java.util.Properties credentials = new java.util.Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    return new org.postgresql.Driver().connect(url, credentials);
  }
}
