package dev.hangar.gateway.config;

/**
 * Where job state is kept.
 *
 * @param type {@code memory} (one gateway, lost on restart) or {@code dynamodb} (default memory)
 * @param table DynamoDB table name, required for {@code dynamodb}
 */
public record LedgerConfig(Type type, String table) {
  /** Ledger implementations. */
  public enum Type {
    MEMORY,
    DYNAMODB
  }

  public LedgerConfig {
    type = type == null ? Type.MEMORY : type;
  }

  /** All defaults. */
  public static LedgerConfig defaults() {
    return new LedgerConfig(null, null);
  }
}
