package dev.hangar.gateway.ledger;

import static dev.hangar.gateway.ledger.JobItems.*;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the ledger table for tests and the local demo. Production tables come from
 * Terraform, which must match this layout (documented in {@code docs/ledger.md}).
 */
public final class LedgerTables {
  private LedgerTables() {}

  /** Creates the table, its sparse open-jobs index and TTL; succeeds if it already exists. */
  public static Future<Void> create(Vertx vertx, DynamoDbAsyncClient dynamo, String table) {
    var ctx = vertx.getOrCreateContext();
    var created =
        dynamo
            .createTable(
                r ->
                    r.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                            attr(PK, ScalarAttributeType.S),
                            attr(OPEN_POOL, ScalarAttributeType.S),
                            attr(JOB_ID, ScalarAttributeType.N))
                        .keySchema(key(PK, KeyType.HASH))
                        .globalSecondaryIndexes(
                            GlobalSecondaryIndex.builder()
                                .indexName(OPEN_INDEX)
                                .keySchema(key(OPEN_POOL, KeyType.HASH), key(JOB_ID, KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL))
                                .build()))
            .thenCompose(r -> dynamo.waiter().waitUntilTableExists(w -> w.tableName(table)))
            .thenCompose(
                r ->
                    dynamo.updateTimeToLive(
                        t ->
                            t.tableName(table)
                                .timeToLiveSpecification(
                                    s -> s.attributeName(EXPIRES_AT).enabled(true))));
    return Future.fromCompletionStage(created, ctx)
        .<Void>mapEmpty()
        .recover(
            err ->
                err instanceof ResourceInUseException
                        || err.getCause() instanceof ResourceInUseException
                    ? Future.succeededFuture()
                    : Future.failedFuture(err));
  }

  private static AttributeDefinition attr(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
