package dev.hangar.gateway.testing;

import dev.hangar.gateway.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS clients pointed at the moto server, with moto's dummy credentials and short back-off. */
public final class MotoAws {
  public static final String REGION = "us-east-1";

  private MotoAws() {}

  /** A client factory for moto; close it when the test is done. */
  public static AwsClients clients() {
    return new AwsClients(REGION, MotoPeer.url(), CREDENTIALS, AwsClients.fastRetry(3));
  }

  /**
   * Clients that send one request at a time. moto checks a condition and writes the item
   * without a lock, so two truly simultaneous conditional writes can both succeed there (never
   * on DynamoDB). Serialising the wire keeps each write atomic as DynamoDB's are, while the
   * ledger's read-merge-write steps of several replicas still interleave.
   */
  public static AwsClients serialClients() {
    return new AwsClients(REGION, MotoPeer.url(), CREDENTIALS, AwsClients.fastRetry(3), 1);
  }

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
}
