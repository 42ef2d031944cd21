package dev.hangar.local.sim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hangar.gateway.domain.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads what a simulation needs: the {@code pools} of a Hangar config file (other sections are
 * ignored here; {@code check-config} validates them) and optional simulator parameters.
 */
public final class SimConfig {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SimConfig() {}

  /** The pools of a Hangar config file. */
  public static List<Pool> pools(Path file) throws IOException {
    return pools(file, poolsSection(file));
  }

  /** The {@code pools} section of a Hangar config file as written, refused when empty. */
  public static JsonNode poolsSection(Path file) throws IOException {
    JsonNode pools = readTree(file).path("pools");
    if (!pools.isArray() || pools.isEmpty()) {
      throw new IllegalArgumentException(file + ": no pools configured");
    }
    return pools;
  }

  /** The pools of a {@link #poolsSection} read from {@code file}. */
  public static List<Pool> pools(Path file, JsonNode pools) {
    try {
      return YAML.convertValue(pools, new TypeReference<List<Pool>>() {});
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": pools: " + firstLine(e));
    }
  }

  /** Simulator parameters from a YAML file, or the defaults when {@code file} is null. */
  public static SimParams params(Path file) throws IOException {
    if (file == null) {
      return SimParams.defaults();
    }
    JsonNode root = readTree(file);
    try {
      return YAML.convertValue(root, SimParams.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + firstLine(e));
    }
  }

  private static JsonNode readTree(Path file) throws IOException {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    }
  }

  private static String firstLine(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
