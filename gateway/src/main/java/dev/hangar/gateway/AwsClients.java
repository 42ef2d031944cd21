package dev.hangar.gateway;

import dev.hangar.gateway.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Builds the gateway's AWS async clients: one shared CRT HTTP client (no Netty of its own),
 * {@code aws.region}, {@code aws.endpoint} for every service, and the tracing interceptor.
 * Credentials come from the default chain; {@code HANGAR_AWS_STATIC_CREDENTIALS=true} (or the
 * system property {@code hangar.aws.staticCredentials}) uses fixed dummy ones, for emulators.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsConfig config;
  private final AwsCredentialsProvider credentials;
  private final ExecutionInterceptor interceptor;
  private final SdkAsyncHttpClient http;
  private final List<SdkClient> built = new ArrayList<>();

  public AwsClients(AwsConfig config, AwsCredentialsProvider credentials, ExecutionInterceptor interceptor) {
    this.config = config;
    this.credentials = credentials;
    this.interceptor = interceptor;
    this.http = AwsCrtAsyncHttpClient.builder()
        .maxConcurrency(200)
        .connectionTimeout(Duration.ofSeconds(3))
        .build();
  }

  /** Credentials from the environment as described above. */
  public static AwsCredentialsProvider credentialsFromEnvironment() {
    boolean dummy = Boolean.parseBoolean(System.getenv("HANGAR_AWS_STATIC_CREDENTIALS"))
        || Boolean.getBoolean("hangar.aws.staticCredentials");
    return dummy ? dummyCredentials() : DefaultCredentialsProvider.builder().build();
  }

  /** Fixed credentials that emulators (moto, ElasticMQ) accept. */
  public static AwsCredentialsProvider dummyCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  public SqsAsyncClient sqs() {
    return build(SqsAsyncClient.builder(), null, credentials);
  }

  /** SQS at a specific endpoint (the embedded queue) with its own credentials. */
  public SqsAsyncClient sqs(URI endpoint, AwsCredentialsProvider creds) {
    return build(SqsAsyncClient.builder(), endpoint, creds);
  }

  public AutoScalingAsyncClient autoScaling() {
    return build(AutoScalingAsyncClient.builder(), null, credentials);
  }

  public Ec2AsyncClient ec2() {
    return build(Ec2AsyncClient.builder(), null, credentials);
  }

  public DynamoDbAsyncClient dynamoDb() {
    return build(DynamoDbAsyncClient.builder(), null, credentials);
  }

  public SecretsManagerAsyncClient secretsManager() {
    return build(SecretsManagerAsyncClient.builder(), null, credentials);
  }

  public CloudWatchAsyncClient cloudWatch() {
    return build(CloudWatchAsyncClient.builder(), null, credentials);
  }

  private synchronized <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C extends SdkClient>
      C build(B builder, URI endpoint, AwsCredentialsProvider creds) {
    builder.httpClient(http)
        .region(Region.of(config.region()))
        .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(interceptor).build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    } else if (config.endpoint() != null) {
      builder.endpointOverride(URI.create(config.endpoint()));
    }
    C client = builder.credentialsProvider(creds).build();
    built.add(client);
    return client;
  }

  /** Closes every client built and the shared HTTP client. */
  @Override
  public synchronized void close() {
    built.forEach(SdkClient::close);
    built.clear();
    http.close();
  }
}
