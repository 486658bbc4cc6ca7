package org.leadgate.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads the configuration: the file named by {@code leadgate.config} (system property) or {@code LEADGATE_CONFIG}
 * (environment), else the built-in demo default. Secrets come in through {@code ${ENV_VAR}}.
 */
public final class ConfigLoader {
  public static final String DEFAULT_RESOURCE = "org/leadgate/config/default-config.yml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Function<String, String> environment;

  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The configuration file to use, if one is named; {@code explicit} (e.g. a servlet init parameter) wins. */
  public Optional<Path> locate(Optional<String> explicit) {
    return explicit
        .or(() -> Optional.ofNullable(System.getProperty("leadgate.config")))
        .or(() -> Optional.ofNullable(environment.apply("LEADGATE_CONFIG")))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }

  public GatewayConfig load(Optional<Path> file) {
    return file.map(this::load).orElseGet(this::loadDefault);
  }

  public GatewayConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("(file)", "configuration file " + file.toAbsolutePath() + " does not exist");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new ConfigException("(file)", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  public GatewayConfig loadDefault() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("built-in configuration " + DEFAULT_RESOURCE + " is missing");
      }
      return parse(in, "built-in default");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in configuration", e);
    }
  }

  public GatewayConfig parse(InputStream yaml, String source) throws IOException {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("(file)", source + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (tree == null || !tree.isObject()) {
      throw new ConfigException("(file)", source + " must be a YAML mapping at the top level");
    }
    new EnvSubstitution(environment).apply(tree, "");
    return GatewayConfig.from(ConfigNode.of(tree, ""));
  }
}
