package dev.hangar.gateway.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code scaling} section: defaults, overrides, and bad values named by key. */
class ScalingLoopConfigTest {
  static final String BASE = """
      queue: {embedded: true}
      """;

  static HangarConfig parse(String extra) {
    return ConfigLoader.parse(BASE + extra, Map.of(), false);
  }

  @Test
  void defaults() {
    ScalingLoopConfig c = parse("").scaling();
    assertEquals(Duration.ofMillis(250), c.debounce());
    assertEquals(Duration.ofSeconds(30), c.period());
    assertEquals(2, c.pollers());
    assertEquals(10, c.receiveWaitSeconds());
    assertTrue(c.enabled());
  }

  @Test
  void valuesFromYaml() {
    ScalingLoopConfig c =
        parse("scaling: {debounceMillis: 0, periodSeconds: 5, pollers: 4, receiveWaitSeconds: 20, enabled: false}\n")
            .scaling();
    assertEquals(Duration.ZERO, c.debounce());
    assertEquals(Duration.ofSeconds(5), c.period());
    assertEquals(4, c.pollers());
    assertEquals(20, c.receiveWaitSeconds());
    assertFalse(c.enabled());
  }

  @ParameterizedTest
  @CsvSource({
    "debounceMillis: -1, scaling.debounceMillis",
    "periodSeconds: 0, scaling.periodSeconds",
    "pollers: 0, scaling.pollers",
    "pollers: 17, scaling.pollers",
    "receiveWaitSeconds: 21, scaling.receiveWaitSeconds",
    "bogus: 1, scaling.bogus",
  })
  void badValuesAreRefusedNamingTheKey(String entry, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("scaling: {" + entry + "}\n"));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
