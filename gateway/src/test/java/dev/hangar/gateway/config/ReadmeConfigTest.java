package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration example in the README is a valid configuration. */
class ReadmeConfigTest {

  @Test
  void readmeExampleLoads() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int section = readme.indexOf("## Configuration");
    assertTrue(section >= 0, "README has a Configuration section");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    HangarConfig c = ConfigLoader.parse(yaml, Map.of("HANGAR_WEBHOOK_SECRET", "x"), true);
    assertEquals("linux", c.pools().get(0).name());
    assertEquals(LedgerConfig.Type.DYNAMODB, c.ledger().type());
  }
}
