package dev.hangar.gateway.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import dev.hangar.gateway.config.ConfigLoader;
import dev.hangar.gateway.config.HangarConfig;
import dev.hangar.gateway.observability.MicrometerRecorders;
import dev.hangar.gateway.observability.Tracing;
import dev.hangar.gateway.port.JobQueue;
import dev.hangar.gateway.port.QueueMessage;
import dev.hangar.gateway.port.QueuedJobEvent;
import dev.hangar.gateway.testing.StubQueue;
import dev.hangar.gateway.testing.TestConfigs;
import dev.hangar.gateway.testing.TestGateway;
import dev.hangar.gateway.testing.Webhooks;
import dev.hangar.gateway.webhook.WebhookHandler;
import dev.hangar.gateway.webhook.WebhookSignature;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The gateway under load, in a process of its own so that its CPU is its own: the real gateway
 * (production logging, JSON lines encoded and discarded) on an SQS queue given by URL, or with
 * {@code --queue none} the webhook route alone on a queue that accepts at once. Prints
 * {@code port N} when it listens, answers each line on its standard input with the AWS SDK
 * calls made so far ({@link CallCounter}) and exits when its standard input closes, so it never outlives
 * the benchmark that started it.
 *
 * <p>Arguments: {@code --queue none|URL --endpoint URL --linger MS}.
 */
public final class BenchGateway {
  private BenchGateway() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    productionLoggingToNowhere();
    Vertx vertx = Vertx.vertx();
    int port;
    if ("none".equals(o.get("queue"))) {
      port = webhookOnlyServer(vertx);
    } else {
      HangarConfig config = ConfigLoader.parse("""
          server: {host: 127.0.0.1, port: 0}
          github: {webhookSecrets: ["%s"]}
          queue: {url: "%s", endpoint: "%s", batchLingerMillis: %s}
          """.formatted(Webhooks.SECRET, o.get("queue"), o.get("endpoint"), o.getOrDefault("linger", "5"))
          + TestConfigs.POOLS + TestConfigs.WEBHOOK_ONLY, Map.of(), true);
      port = TestGateway.start(vertx, config).await(60, TimeUnit.SECONDS).port();
    }
    System.out.println("port " + port);
    System.out.flush();
    // The benchmark holds our standard input open for as long as it needs us, and asks for the
    // SDK calls made so far with a line.
    var commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    while (commands.readLine() != null) {
      StringBuilder line = new StringBuilder("calls ");
      CallCounter.snapshot().forEach((k, v) -> line.append(k).append('=').append(v).append(','));
      System.out.println(line);
      System.out.flush();
    }
    System.exit(0);
  }

  /**
   * The webhook route alone (signature, parse, match, metrics, log line, answer) with a queue
   * that accepts every event at once: what the gateway costs without SQS.
   */
  private static int webhookOnlyServer(Vertx vertx) {
    JobQueue accepting = new StubQueue(event -> Future.succeededFuture());
    HangarConfig pools = ConfigLoader.parse(TestConfigs.POOLS + "queue: {embedded: true}\n", Map.of(), false);
    Router router = Router.router(vertx);
    new WebhookHandler(new WebhookSignature(List.of(Webhooks.SECRET)), pools.pools(), accepting,
        Duration.ofSeconds(2), new MicrometerRecorders(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).webhook(),
        Tracing.none()).mount(router, 1024 * 1024);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  /** Production logging (async JSON lines) with the console replaced by a sink. */
  private static void productionLoggingToNowhere() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(BenchGateway.class.getResource("/logback.xml"));
    var async = (AsyncAppenderBase<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
    ((OutputStreamAppender<?>) async.getAppender("JSON")).setOutputStream(OutputStream.nullOutputStream());
  }
}
