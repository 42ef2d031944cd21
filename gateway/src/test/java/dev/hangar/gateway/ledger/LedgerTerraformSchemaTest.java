package dev.hangar.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.aws.AwsClients;
import dev.hangar.gateway.testing.MotoAws;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The table {@link LedgerTables} creates (tests, demo) and the one Terraform creates
 * (production) have the same keys, index and TTL attribute: the ledger code runs on both.
 */
class LedgerTerraformSchemaTest {
  static final Path LEDGER_TF = Path.of("..", "terraform", "modules", "gateway", "ledger.tf");
  static final Path VARIABLES_TF = Path.of("..", "terraform", "modules", "gateway", "variables.tf");

  @Test
  void terraformTableMatchesTheLedgerLayout() throws Exception {
    assertTrue(Files.exists(LEDGER_TF), "missing " + LEDGER_TF.toAbsolutePath());
    String tf = Files.readString(LEDGER_TF);
    String table = block(tf, "resource \"aws_dynamodb_table\" \"ledger\"");
    String gsi = block(table, "global_secondary_index");
    String ttl = block(table, "ttl");

    Vertx vertx = Vertx.vertx();
    try (AwsClients aws = MotoAws.clients(); DynamoDbAsyncClient dynamo = aws.dynamoDb()) {
      String name = "schema-check-" + System.nanoTime();
      LedgerTables.create(vertx, dynamo, name).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      TableDescription d = dynamo.describeTable(r -> r.tableName(name)).get(30, TimeUnit.SECONDS).table();
      String ttlAttr = dynamo.describeTimeToLive(r -> r.tableName(name)).get(30, TimeUnit.SECONDS)
          .timeToLiveDescription().attributeName();

      assertEquals(key(d.keySchema(), KeyType.HASH), value(table, "hash_key"));
      Map<String, String> created = d.attributeDefinitions().stream()
          .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString(), (a, b) -> a, TreeMap::new));
      assertEquals(created, attributes(table));

      GlobalSecondaryIndexDescription index = d.globalSecondaryIndexes().get(0);
      assertEquals(index.indexName(), value(gsi, "name"));
      assertEquals(key(index.keySchema(), KeyType.HASH), value(gsi, "hash_key"));
      assertEquals(key(index.keySchema(), KeyType.RANGE), value(gsi, "range_key"));
      assertEquals(index.projection().projectionTypeAsString(), value(gsi, "projection_type"));

      String ttlTf = value(ttl, "attribute_name");
      if (ttlTf.startsWith("var.")) {
        String variable = block(Files.readString(VARIABLES_TF), "variable \"" + ttlTf.substring(4) + "\"");
        ttlTf = value(variable, "default");
      }
      assertEquals(ttlAttr, ttlTf);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String key(java.util.List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keys, KeyType type) {
    return keys.stream().filter(k -> k.keyType() == type).findFirst().orElseThrow().attributeName();
  }

  /** The text between the braces that follow {@code header}. */
  private static String block(String text, String header) {
    int at = text.indexOf(header);
    assertTrue(at >= 0, "no block " + header);
    int open = text.indexOf('{', at);
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(open + 1, i);
      }
    }
    throw new AssertionError("unbalanced block " + header);
  }

  /** A top-level {@code name = value} of a block (quotes removed). */
  private static String value(String block, String name) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*\"?([^\"\\n]+?)\"?\\s*$").matcher(flat(block));
    assertTrue(m.find(), "no " + name + " in " + block);
    return m.group(1).trim();
  }

  /** The block without its nested blocks, so a name matches only at its own level. */
  private static String flat(String block) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : block.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<String, String> attributes(String table) {
    Map<String, String> out = new TreeMap<>();
    Matcher m = Pattern.compile("attribute\\s*\\{([^}]*)}").matcher(table);
    while (m.find()) {
      out.put(value(m.group(1), "name"), value(m.group(1), "type"));
    }
    return out;
  }
}
