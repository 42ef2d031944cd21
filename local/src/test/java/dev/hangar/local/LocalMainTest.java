package dev.hangar.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.Adapters;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.local.queue.EmbeddedQueue;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** hangar-local's commands: its own, the gateway's delegated, and the embedded queue it supplies. */
class LocalMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LocalMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
  }

  @Test
  void helpNamesTheLocalCommands() {
    assertEquals(0, run("help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    for (String command : new String[] {"demo", "simulate", "gen-trace", "sim-benchmark", "serve"}) {
      assertTrue(usage.contains(command), usage);
    }
    assertEquals(2, run());
  }

  @Test
  void checkConfigIsTheGatewaysOwn() {
    assertEquals(0, run("check-config", "--config", "../examples/config/local.yaml"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("config OK: 2 pool(s) (linux, gpu), queue embedded"));
    assertEquals(2, run("launch"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'launch'"));
  }

  @Test
  void theEmbeddedQueueIsSuppliedAndClosedWithTheAdapters() throws Exception {
    HangarConfig config = ConfigLoader.load(Path.of("../examples/config/local.yaml"), Map.of(), false);
    Vertx vertx = Vertx.vertx();
    try {
      Adapters.Builder builder = Adapters.builder(vertx, config);
      EmbeddedQueue.supplyIfConfigured(builder);
      try (Adapters adapters = builder.build()) {
        adapters.queue().ping().await(30, TimeUnit.SECONDS);
        assertEquals("hangar-jobs.fifo", adapters.queueName());
        assertEquals(1, adapters.closeables().size());
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
