package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code poolLoop} section: defaults, overrides, bad values named by key, the old name refused. */
class PoolLoopConfigTest {
  static final String BASE = """
      queue: {embedded: true}
      """;

  static HangarConfig parse(String extra) {
    return ConfigLoader.parse(BASE + extra, Map.of("LOOP", "s3cr3t"), false);
  }

  @Test
  void defaults() {
    PoolLoopConfig c = parse("").poolLoop();
    assertEquals(Duration.ofMillis(250), c.debounce());
    assertEquals(Duration.ofSeconds(30), c.period());
    assertEquals(2, c.pollers());
    assertEquals(10, c.receiveWaitSeconds());
    assertTrue(c.enabled());
  }

  @Test
  void valuesFromYaml() {
    PoolLoopConfig c =
        parse("poolLoop: {debounceMillis: 0, periodSeconds: 5, pollers: 4, receiveWaitSeconds: 20, enabled: false}\n")
            .poolLoop();
    assertEquals(Duration.ZERO, c.debounce());
    assertEquals(Duration.ofSeconds(5), c.period());
    assertEquals(4, c.pollers());
    assertEquals(20, c.receiveWaitSeconds());
    assertFalse(c.enabled());
  }

  @ParameterizedTest
  @CsvSource({
    "debounceMillis: -1, poolLoop.debounceMillis",
    "periodSeconds: 0, poolLoop.periodSeconds",
    "pollers: 0, poolLoop.pollers",
    "pollers: 17, poolLoop.pollers",
    "receiveWaitSeconds: 21, poolLoop.receiveWaitSeconds",
    "bogus: 1, poolLoop.bogus",
  })
  void badValuesAreRefusedNamingTheKey(String entry, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("poolLoop: {" + entry + "}\n"));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "scaling: {debounceMillis: 250}\n",
    "scaling: {enabled: ${LOOP}}\n",
    "scaling: {}\n",
    "poolLoop: {pollers: 2}\nscaling: {pollers: 2}\n",
  })
  void theOldTopLevelScalingKeyIsRefusedNamingTheNewOne(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
    assertEquals("config: scaling: renamed to poolLoop (pool loop timing); per-pool policy stays under pools[].scaling",
        e.getMessage());
  }

  @Test
  void perPoolScalingIsStillThePolicy() {
    HangarConfig c = parse("pools: [{name: p, labels: [l], maxRunners: 1, tiers: [{asg: a, kind: warm}],"
        + " scaling: {bootTimeoutSeconds: 900}}]\n");
    assertEquals(900, c.pools().get(0).scaling().bootTimeoutSeconds());
  }
}
