package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration reader, and how the loader uses it for every duration key. */
class DurationTextTest {

  @ParameterizedTest
  @CsvSource({"90s, PT1M30S", "10m, PT10M", "2h, PT2H", "3d, PT72H", "PT10M, PT10M", "pt15s, PT15S", "' 5M ', PT5M"})
  void readsShortAndIsoForms(String text, String expected) {
    assertEquals(Duration.parse(expected), DurationText.parse(text));
  }

  @Test
  void blankMeansTheDefault() {
    assertNull(DurationText.parse(null));
    assertNull(DurationText.parse("  "));
    assertEquals(Duration.ofSeconds(60), load("reconcile: {interval: ''}\n").reconcile().interval());
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "10", "10w", "m", "P", "99999999999999999d"})
  void unreadableTextIsRefusedWithoutEchoingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    assertEquals("must be a duration like 90s, 10m, 2h, 3d or PT10M", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "-5m", "PT0S"})
  void zeroAndNegativeAreRefused(String text) {
    assertEquals("must be positive", assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text)).getMessage());
  }

  @Test
  void everyDurationKeyIsTypedAtLoad() {
    HangarConfig c = load("github: {requestTimeout: 4s}\n"
        + "reconcile: {interval: PT30S, staleQueuedAfter: 2m, redeliveryWindow: 1d}\n"
        + "agentApi: {sessionTtl: 30m}\n");
    assertEquals(Duration.ofSeconds(4), c.github().requestTimeout());
    assertEquals(Duration.ofSeconds(30), c.reconcile().interval());
    assertEquals(Duration.ofMinutes(2), c.reconcile().staleQueuedAfter());
    assertEquals(Duration.ofDays(1), c.reconcile().redeliveryWindow());
    assertEquals(Duration.ofMinutes(30), c.agentApi().sessionTtl());
  }

  @Test
  void aDurationMustBeAScalar() {
    assertEquals("config: reconcile.interval: expected a duration like 90s, 10m, 2h, 3d or PT10M",
        assertThrows(ConfigException.class, () -> load("reconcile: {interval: {s: 1}}\n")).getMessage());
    assertEquals("config: github.backoffMax: must be positive",
        assertThrows(ConfigException.class, () -> load("github: {backoffMax: 0s}\n")).getMessage());
  }

  private static HangarConfig load(String yaml) {
    return ConfigLoader.parse("queue: {embedded: true}\n" + yaml, Map.of(), false);
  }
}
