package dev.hangar.gateway.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Builds every AWS SDK async client of the gateway the same way: one region, one optional
 * endpoint override (a local emulator serves every service on one URL), the default credentials
 * chain, one shared CRT HTTP client (no Netty of its own next to Vert.x's), and a retry strategy
 * that backs off exponentially with jitter on throttling ({@code Throttling},
 * {@code RequestLimitExceeded}, ...) and transient errors.
 */
public final class AwsClients implements AutoCloseable {
  /** Attempts per call, the first one included; AWS's own default is 3. */
  public static final int MAX_ATTEMPTS = 6;

  private final Region region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkAsyncHttpClient http;
  private final RetryStrategy retry;

  /** Clients for {@code region}, optionally all sent to {@code endpoint} (null: AWS itself). */
  public AwsClients(String region, String endpoint) {
    this(region, endpoint, DefaultCredentialsProvider.builder().build());
  }

  /** As above with explicit credentials (tests against an emulator use static ones). */
  public AwsClients(String region, String endpoint, AwsCredentialsProvider credentials) {
    this(region, endpoint, credentials, defaultRetry());
  }

  /** As above with an explicit retry strategy (tests shorten the back-off). */
  public AwsClients(
      String region, String endpoint, AwsCredentialsProvider credentials, RetryStrategy retry) {
    this(region, endpoint, credentials, retry, 64);
  }

  /**
   * As above with a bound on concurrent HTTP requests (1 serialises every call, which tests
   * use because moto does not evaluate conditional writes atomically).
   */
  public AwsClients(
      String region,
      String endpoint,
      AwsCredentialsProvider credentials,
      RetryStrategy retry,
      int maxConcurrency) {
    this.region = Region.of(Objects.requireNonNull(region, "aws.region"));
    this.endpoint = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
    this.credentials = credentials;
    this.retry = retry;
    this.http =
        AwsCrtAsyncHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .maxConcurrency(maxConcurrency)
            .build();
  }

  /** The SDK's standard strategy with more attempts: exponential back-off with full jitter. */
  public static RetryStrategy defaultRetry() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
  }

  /** A standard strategy whose waits are short, for tests. */
  public static RetryStrategy fastRetry(int maxAttempts) {
    BackoffStrategy quick =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(quick)
        .throttlingBackoffStrategy(quick)
        .circuitBreakerEnabled(false)
        .build();
  }

  /** Auto Scaling. */
  public AutoScalingAsyncClient autoScaling() {
    return configure(AutoScalingAsyncClient.builder()).build();
  }

  /** EC2. */
  public Ec2AsyncClient ec2() {
    return configure(Ec2AsyncClient.builder()).build();
  }

  /** DynamoDB. */
  public DynamoDbAsyncClient dynamoDb() {
    return configure(DynamoDbAsyncClient.builder()).build();
  }

  /** SQS. */
  public SqsAsyncClient sqs() {
    return configure(SqsAsyncClient.builder()).build();
  }

  /** Applies region, endpoint, credentials, HTTP client and retries to any async builder. */
  public <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> B configure(B b) {
    b.region(region)
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(o -> o.retryStrategy(retry));
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b;
  }

  @Override
  public void close() {
    http.close();
  }
}
