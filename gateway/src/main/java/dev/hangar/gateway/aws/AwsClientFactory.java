package dev.hangar.gateway.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The gateway's AWS clients: each configured by {@link AwsClients} (region, endpoint, retries,
 * the shared CRT HTTP client) plus one execution interceptor (a span per call), and all closed
 * together by {@link #close()}.
 */
public final class AwsClientFactory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AwsClientFactory.class);

  private final AwsClients aws;
  private final ExecutionInterceptor interceptor;
  private final List<SdkClient> clients = new ArrayList<>();

  /** Clients configured by {@code aws}, with {@code interceptor} on every call; owns {@code aws}. */
  public AwsClientFactory(AwsClients aws, ExecutionInterceptor interceptor) {
    this.aws = aws;
    this.interceptor = interceptor;
  }

  /** A client configured like every other; closed by {@link #close()}. */
  public <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
    return client(builder, null, null);
  }

  /** As {@link #client(AwsClientBuilder)}, sent to {@code endpoint} with {@code credentials}. */
  public synchronized <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C extends SdkClient> C client(
      B builder, URI endpoint, AwsCredentialsProvider credentials) {
    aws.configure(builder);
    builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(interceptor).build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint).credentialsProvider(credentials);
    }
    C c = builder.build();
    clients.add(c);
    return c;
  }

  /**
   * The default credentials chain; {@code HANGAR_AWS_STATIC_CREDENTIALS=true} (or the system
   * property {@code hangar.aws.staticCredentials}) uses fixed dummy ones, for emulators.
   */
  public static AwsCredentialsProvider credentialsFromEnvironment() {
    boolean dummy = Boolean.parseBoolean(System.getenv("HANGAR_AWS_STATIC_CREDENTIALS"))
        || Boolean.getBoolean("hangar.aws.staticCredentials");
    return dummy ? dummyCredentials() : DefaultCredentialsProvider.builder().build();
  }

  /** Fixed credentials that emulators (moto, ElasticMQ) accept. */
  public static AwsCredentialsProvider dummyCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /** Closes every client built here, then the shared HTTP client; blocks briefly. */
  @Override
  public synchronized void close() {
    clients.forEach(AwsClientFactory::closeQuietly);
    clients.clear();
    closeQuietly(aws);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
