package dev.hangar.gateway.queue;

import java.net.URI;
import java.util.Map;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An in-process SQS (ElasticMQ) on 127.0.0.1 and a free port, with one FIFO queue, for the
 * local demo and the tests. ElasticMQ answers the real SQS API, FIFO deduplication included.
 * Starting and stopping block: call them outside an event loop.
 */
public final class EmbeddedSqs implements AutoCloseable {
  /** Queue name used when none is given. */
  public static final String DEFAULT_QUEUE = "hangar-jobs.fifo";

  /** Credentials ElasticMQ accepts (it checks none). */
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final SQSRestServer server;
  private final String endpoint;
  private final String queueUrl;

  private EmbeddedSqs(SQSRestServer server, String endpoint, String queueUrl) {
    this.server = server;
    this.endpoint = endpoint;
    this.queueUrl = queueUrl;
  }

  /** Starts ElasticMQ and creates {@link #DEFAULT_QUEUE}. */
  public static EmbeddedSqs start() {
    return start(DEFAULT_QUEUE);
  }

  /** Starts ElasticMQ and creates the FIFO queue {@code queueName} (must end in .fifo). */
  public static EmbeddedSqs start(String queueName) {
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
    Http.ServerBinding binding = server.waitUntilStarted();
    String endpoint = "http://127.0.0.1:" + binding.localAddress().getPort();
    try (SqsAsyncClient sqs = client(endpoint)) {
      String url = sqs.createQueue(b -> b.queueName(queueName).attributes(Map.of(
              QueueAttributeName.FIFO_QUEUE, "true",
              QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
              QueueAttributeName.VISIBILITY_TIMEOUT, "30")))
          .join()
          .queueUrl();
      return new EmbeddedSqs(server, endpoint, url);
    } catch (RuntimeException e) {
      server.stopAndWait();
      throw e;
    }
  }

  /** A new client of this server (with its own HTTP client); the caller closes it. */
  public SqsAsyncClient newClient() {
    return client(endpoint);
  }

  private static SqsAsyncClient client(String endpoint) {
    return SqsAsyncClient.builder()
        .httpClientBuilder(AwsCrtAsyncHttpClient.builder())
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .build();
  }

  /** Base URL to use as the SQS endpoint. */
  public String endpoint() {
    return endpoint;
  }

  /** URL of the FIFO queue. */
  public String queueUrl() {
    return queueUrl;
  }

  /** Stops the server; clients get connection errors from now on. */
  @Override
  public void close() {
    server.stopAndWait();
  }
}
