package dev.hangar.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code server.idleTimeoutSeconds} and {@code server.requestTimeoutSeconds}. */
class ServerTimeoutsConfigTest {
  private static HangarConfig parse(String server) {
    return ConfigLoader.parse("server: " + server + "\nqueue: {embedded: true}\n", Map.of(), false);
  }

  @Test
  void defaultsCloseIdleConnectionsAfter30sAndSlowRequestsAfter10s() {
    ServerConfig s = parse("{port: 0}").server();
    assertEquals(30, s.idleTimeoutSeconds());
    assertEquals(10, s.requestTimeoutSeconds());
  }

  @Test
  void setValuesAreBound() {
    ServerConfig s = parse("{idleTimeoutSeconds: 75, requestTimeoutSeconds: 20}").server();
    assertEquals(75, s.idleTimeoutSeconds());
    assertEquals(20, s.requestTimeoutSeconds());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{idleTimeoutSeconds: 0}|server.idleTimeoutSeconds: must be between 1 and 3600",
      "{idleTimeoutSeconds: 3601}|server.idleTimeoutSeconds: must be between 1 and 3600",
      "{requestTimeoutSeconds: 0}|server.requestTimeoutSeconds: must be between 1 and 300",
      "{requestTimeoutSeconds: 301}|server.requestTimeoutSeconds: must be between 1 and 300",
  })
  void outOfRangeValuesNameTheKey(String server, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(server));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
