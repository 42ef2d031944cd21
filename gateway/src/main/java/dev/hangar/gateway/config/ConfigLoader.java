package dev.hangar.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration: {@code ${ENV}} substitution, strict binding into {@link
 * HangarConfig} (unknown keys rejected), then {@link ConfigValidator}. Every failure is a
 * {@link ConfigException} whose one-line message names the key; values are never echoed, so a
 * misplaced secret cannot leak through an error.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      JsonMapper.builder(YAMLFactory.builder().build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationText.Deserializer()))
          .build();

  /** Keys a pool and a tier must have; checked before binding so the message can name them. */
  private static final List<String> POOL_KEYS = List.of("name", "labels", "maxRunners", "tiers");

  private static final List<String> TIER_KEYS = List.of("asg", "kind");

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  /** {@code "key: reason"} as section constructors throw it, e.g. {@code "spotBreaker.threshold: ..."}. */
  private static final Pattern KEYED_REASON =
      Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?(?:\\.[A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?)*): (.+)");

  private ConfigLoader() {}

  /** Loads and validates a file for {@code serve} (webhook secrets required). */
  public static HangarConfig load(Path file) {
    return load(file, System.getenv(), true);
  }

  /** Loads and validates a file; {@code serving} demands what a production gateway needs. */
  public static HangarConfig load(Path file, Map<String, String> env, boolean serving) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw ConfigException.general("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, env, serving);
  }

  /** Parses and validates configuration text. */
  public static HangarConfig parse(String yaml, Map<String, String> env, boolean serving) {
    HangarConfig config = bind(EnvSubstitution.apply(yaml, env), yaml);
    ConfigValidator.validate(config, serving);
    return config;
  }

  /** {@code written} is the text before substitution: key names not in it may be secrets. */
  private static HangarConfig bind(String yaml, String written) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw syntaxError(e, written);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw ConfigException.general("the file is empty");
    }
    if (!root.isObject()) {
      throw ConfigException.general("the top level must be a mapping of sections");
    }
    RetiredKeys.refuse(root);
    requirePoolKeys(root.get("pools"));
    try {
      return YAML.treeToValue(root, HangarConfig.class);
    } catch (JsonProcessingException e) {
      throw bindingError(e, written);
    } catch (IllegalArgumentException e) {
      throw ConfigException.general(e.getClass().getSimpleName());
    }
  }

  private static void requirePoolKeys(JsonNode pools) {
    if (pools == null || !pools.isArray()) {
      return;
    }
    for (int i = 0; i < pools.size(); i++) {
      JsonNode pool = pools.get(i);
      String path = "pools[" + i + "]";
      require(pool, path, POOL_KEYS);
      JsonNode tiers = pool.get("tiers");
      if (tiers != null && tiers.isArray()) {
        for (int j = 0; j < tiers.size(); j++) {
          require(tiers.get(j), path + ".tiers[" + j + "]", TIER_KEYS);
        }
      }
    }
  }

  private static void require(JsonNode node, String path, Collection<String> keys) {
    if (!node.isObject()) {
      throw new ConfigException(path, "expected a mapping");
    }
    for (String key : keys) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        throw new ConfigException(path + "." + key, "required key is missing");
      }
    }
  }

  private static ConfigException syntaxError(JsonProcessingException e, String written) {
    // The parser's own message quotes the offending source line, which may hold a secret.
    String where =
        e.getLocation() == null
            ? ""
            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Matcher duplicate = DUPLICATE.matcher(original);
    if (duplicate.matches()) {
      return ConfigException.general(
          (writtenAsKey(duplicate.group(1), written)
                  ? "duplicate key '" + duplicate.group(1) + "'"
                  : "duplicate key from an environment variable")
              + where);
    }
    return ConfigException.general("YAML syntax error" + where);
  }

  private static ConfigException bindingError(JsonProcessingException e, String written) {
    List<JsonMappingException.Reference> refs =
        e instanceof JsonMappingException m ? m.getPath() : List.of();
    String path = path(refs);
    if (e instanceof UnrecognizedPropertyException u) {
      String known = " (known: " + String.join(", ", knownKeys(u)) + ")";
      return writtenAsKey(u.getPropertyName(), written)
          ? new ConfigException(path, "unknown key" + known)
          : new ConfigException(path(refs.subList(0, Math.max(0, refs.size() - 1))),
              "unknown key from an environment variable" + known);
    }
    if (e instanceof DurationText.Invalid d) {
      return new ConfigException(path, d.reason());
    }
    if (e instanceof ValueInstantiationException v) {
      return sectionError(path, v.getCause());
    }
    if (e instanceof InvalidFormatException f) {
      return new ConfigException(path, "expected " + describe(f.getTargetType()));
    }
    if (e instanceof MismatchedInputException m) {
      return new ConfigException(path, "expected " + describe(m.getTargetType()));
    }
    if (e instanceof InputCoercionException) {
      return new ConfigException(path, "number out of range");
    }
    return new ConfigException(path, "invalid value");
  }

  /**
   * A section constructor's {@code "key: reason"} (relative to the section at {@code path}) or
   * {@code "section.key: reason"} (absolute). Only plain IllegalArgumentExceptions are ours:
   * subclasses such as NumberFormatException come from libraries and quote their input.
   */
  private static ConfigException sectionError(String path, Throwable cause) {
    if (cause == null || cause.getClass() != IllegalArgumentException.class || cause.getMessage() == null) {
      return new ConfigException(path, "invalid value");
    }
    String reason = cause.getMessage();
    if (path.isEmpty() || reason.startsWith(path + ".")) {
      return ConfigException.general(reason);
    }
    Matcher keyed = KEYED_REASON.matcher(reason);
    return keyed.matches()
        ? new ConfigException(path + "." + keyed.group(1), keyed.group(2))
        : new ConfigException(path, reason);
  }

  /** True when {@code name} is written as a key in the file itself, not substituted into it. */
  private static boolean writtenAsKey(String name, String written) {
    return name != null
        && Pattern.compile("(^|[\\s{,\"'-])" + Pattern.quote(name) + "[\"']?\\s*:", Pattern.MULTILINE)
            .matcher(written)
            .find();
  }

  private static List<String> knownKeys(UnrecognizedPropertyException u) {
    Collection<Object> known = u.getKnownPropertyIds();
    return known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
  }

  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration like 90s, 10m, 2h, 3d or PT10M";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }
}
