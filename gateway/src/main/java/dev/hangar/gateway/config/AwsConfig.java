package dev.hangar.gateway.config;

/**
 * Where the AWS APIs are.
 *
 * @param region AWS region (default: {@code AWS_REGION}, else {@code us-east-1})
 * @param endpoint one URL for every AWS service (a local emulator), or null for AWS itself
 */
public record AwsConfig(String region, String endpoint) {
  public AwsConfig {
    if (region == null) {
      String fromEnv = System.getenv("AWS_REGION");
      region = fromEnv == null || fromEnv.isBlank() ? "us-east-1" : fromEnv;
    }
  }

  /** All defaults. */
  public static AwsConfig defaults() {
    return new AwsConfig(null, null);
  }
}
