package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.config.ConfigException;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaling knobs bind from the gateway's YAML, default when absent, and refuse bad values. */
class ScalingKnobsConfigTest {
  private static final String HEAD = "github: {webhookSecrets: [s3cret]}\nqueue: {embedded: true}\n";

  private static HangarConfig load(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, HEAD + yaml);
    return ConfigLoader.load(f, Map.of(), true);
  }

  @Test
  void poolsWithoutKnobsGetTheDefaults(@TempDir Path dir) throws Exception {
    Pool p =
        load(dir, "pools:\n  - {name: l, labels: [a], maxRunners: 5, tiers: [{asg: w, kind: warm}, {asg: s, kind: spot}]}\n")
            .pools().get(0);
    assertEquals(ScalingConfig.defaults(), p.scaling());
    assertEquals(WarmPoolConfig.defaults(), p.tiers().get(0).warmPool());
    assertEquals(0, p.tiers().get(0).weight());
    assertEquals(1, p.tiers().get(1).weight());
    assertEquals(null, p.tiers().get(1).warmPool());
  }

  @Test
  void everyKnobBindsFromLowercaseYaml(@TempDir Path dir) throws Exception {
    Pool p =
        load(dir, String.join("\n",
                "pools:",
                "  - name: l",
                "    labels: [a]",
                "    maxRunners: 50",
                "    minIdle: 1",
                "    tiers:",
                "      - {asg: w, kind: warm, weight: 2, warmPool: {size: 6, state: hibernated}}",
                "      - {asg: s, kind: spot, weight: 5}",
                "    scaling:",
                "      idleTimeoutSeconds: 90",
                "      bootTimeoutSeconds: 300",
                "      maxLaunchesPerMinute: 40",
                "      arrivalBufferMinutes: 1.5",
                "      warmStartLeadSeconds: 25",
                "      spotBreaker: {threshold: 5, windowMinutes: 15, openMinutes: 60}",
                "      schedules:",
                "        - {days: [mon-fri], from: \"08:00\", to: \"18:00\", zone: Europe/Berlin, minIdle: 4, warmPoolSize: 12}",
                ""))
            .pools().get(0);
    assertEquals(new WarmPoolConfig(6, WarmState.HIBERNATED), p.tiers().get(0).warmPool());
    assertEquals(5, p.tiers().get(1).weight());
    ScalingConfig s = p.scaling();
    assertEquals(
        new ScalingConfig(90, 300, 40, 1.5, new SpotBreakerConfig(5, 15, 60),
            List.of(new Schedule(List.of("mon-fri"), "08:00", "18:00", "Europe/Berlin", 4, 12)), 25,
            1, 0),
        s);
    assertEquals(List.of("mon", "tue", "wed", "thu", "fri"), s.schedules().get(0).days());
  }

  @Test
  void badKnobsNameTheirKey(@TempDir Path dir) {
    ConfigException e =
        assertThrows(ConfigException.class,
            () -> load(dir, "pools:\n  - {name: l, labels: [a], maxRunners: 5, tiers: [{asg: s, kind: spot}], scaling: {idleTimeoutSeconds: -1}}\n"));
    assertTrue(e.getMessage().contains("pools[0].scaling"), e.getMessage());
    ConfigException unknown =
        assertThrows(ConfigException.class,
            () -> load(dir, "pools:\n  - {name: l, labels: [a], maxRunners: 5, tiers: [{asg: s, kind: spot}], scaling: {idleTimeout: 5}}\n"));
    assertTrue(unknown.getMessage().contains("idleTimeout"), unknown.getMessage());
  }

  @Test
  void maxJobsPerRunnerBindsAndIsLimitedToOneToAHundred(@TempDir Path dir) throws Exception {
    String pool = "pools:\n  - {name: l, labels: [a], maxRunners: 5, tiers: [{asg: s, kind: spot}], scaling: {maxJobsPerRunner: %d}}\n";
    assertEquals(20, load(dir, pool.formatted(20)).pools().get(0).scaling().maxJobsPerRunner());
    assertEquals(100, load(dir, pool.formatted(100)).pools().get(0).scaling().maxJobsPerRunner());
    assertEquals(1, ScalingConfig.defaults().maxJobsPerRunner());
    for (int bad : new int[] {0, -1, 101}) {
      ConfigException e = assertThrows(ConfigException.class, () -> load(dir, pool.formatted(bad)));
      assertTrue(e.getMessage().contains("maxJobsPerRunner"), e.getMessage());
    }
  }
}
