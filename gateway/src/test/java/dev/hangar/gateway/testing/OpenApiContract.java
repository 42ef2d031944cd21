package dev.hangar.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's official OpenAPI description of the endpoints Hangar calls
 * ({@code shared/github/api.github.com.runners-subset.json}), used to check every request a
 * test sends: the method and path template exist, path and query parameters are declared and
 * typed, the JSON body satisfies the operation's requestBody schema, and GitHub's required
 * headers are there. Also the source of canned responses (the description's own examples).
 */
public final class OpenApiContract {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static OpenApiContract instance;

  /** One operation of the description. */
  public record Operation(
      String method, String template, String operationId, JsonObject spec, Pattern pattern,
      List<String> pathParams, int literalSegments) {}

  /** A request matched to its operation, with the path parameters it carried. */
  public record Match(Operation operation, Map<String, String> pathParams) {}

  private final List<Operation> operations = new ArrayList<>();
  private final Map<String, JsonSchema> bodySchemas = new LinkedHashMap<>();

  private OpenApiContract(JsonObject doc) {
    JsonObject paths = doc.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        Object op = item.getValue(method);
        if (!(op instanceof JsonObject spec) || !spec.containsKey("operationId")) {
          continue;
        }
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        int literals = 0;
        for (String seg : template.substring(1).split("/")) {
          regex.append('/');
          if (seg.startsWith("{") && seg.endsWith("}")) {
            names.add(seg.substring(1, seg.length() - 1));
            regex.append("([^/]+)");
          } else {
            literals++;
            regex.append(Pattern.quote(seg));
          }
        }
        regex.append('$');
        Operation o =
            new Operation(
                method.toUpperCase(Locale.ROOT), template, spec.getString("operationId"), spec,
                Pattern.compile(regex.toString()), names, literals);
        operations.add(o);
        JsonObject schema = requestSchema(spec);
        if (schema != null) {
          try {
            JsonNode node = MAPPER.readTree(schema.encode());
            bodySchemas.put(
                o.operationId(),
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
  }

  /** The description vendored in the test resources (loaded once per JVM). */
  public static synchronized OpenApiContract load() {
    if (instance == null) {
      instance = new OpenApiContract(new JsonObject(GitHubDescriptions.read("api.github.com.runners-subset.json")));
    }
    return instance;
  }

  /** The operation for a method and path, preferring literal segments over parameters. */
  public Match match(String method, String path) {
    Match best = null;
    for (Operation o : operations) {
      if (!o.method().equals(method)) {
        continue;
      }
      Matcher m = o.pattern().matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (best == null || o.literalSegments() > best.operation().literalSegments()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < o.pathParams().size(); i++) {
          params.put(o.pathParams().get(i), m.group(i + 1));
        }
        best = new Match(o, params);
      }
    }
    return best;
  }

  /**
   * Everything wrong with a request, empty when it is valid. {@code body} is the raw request
   * body text (may be empty).
   */
  public List<String> violations(
      Match match, MultiMap query, MultiMap headers, String body, boolean expectBody) {
    List<String> out = new ArrayList<>();
    Operation op = match.operation();
    String where = op.method() + " " + op.template();
    JsonArray params = op.spec().getJsonArray("parameters", new JsonArray());
    for (int i = 0; i < params.size(); i++) {
      JsonObject p = params.getJsonObject(i);
      String name = p.getString("name");
      String in = p.getString("in");
      String type = p.getJsonObject("schema", new JsonObject()).getString("type");
      String value =
          "path".equals(in) ? match.pathParams().get(name) : "query".equals(in) ? query.get(name) : null;
      if (p.getBoolean("required", false) && value == null) {
        out.add(where + ": missing required " + in + " parameter " + name);
      }
      if (value != null && "integer".equals(type) && !value.matches("-?\\d+")) {
        out.add(where + ": " + in + " parameter " + name + " must be an integer, got " + value);
      }
      JsonArray allowed = p.getJsonObject("schema", new JsonObject()).getJsonArray("enum");
      if (value != null && allowed != null && !allowed.contains(value)) {
        out.add(where + ": " + in + " parameter " + name + " not one of " + allowed);
      }
    }
    for (String q : query.names()) {
      boolean declared = false;
      for (int i = 0; i < params.size(); i++) {
        JsonObject p = params.getJsonObject(i);
        declared |= "query".equals(p.getString("in")) && q.equals(p.getString("name"));
      }
      if (!declared) {
        out.add(where + ": undeclared query parameter " + q);
      }
    }
    String accept = headers.get("Accept");
    if (accept == null || !accept.contains("application/vnd.github+json")) {
      out.add(where + ": Accept must be application/vnd.github+json, got " + accept);
    }
    if (!"2022-11-28".equals(headers.get("X-GitHub-Api-Version"))) {
      out.add(where + ": X-GitHub-Api-Version must be 2022-11-28");
    }
    if (headers.get("User-Agent") == null) {
      out.add(where + ": User-Agent is required by GitHub");
    }
    String auth = headers.get("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
      out.add(where + ": Authorization: Bearer <token> is required");
    }
    JsonObject requestBody = op.spec().getJsonObject("requestBody");
    boolean hasBody = body != null && !body.isBlank();
    if (requestBody == null && hasBody) {
      out.add(where + ": takes no request body");
    }
    if (requestBody != null && requestBody.getBoolean("required", false) && !hasBody) {
      out.add(where + ": request body is required");
    }
    if (hasBody && requestBody != null) {
      String type = headers.get("Content-Type");
      if (type == null || !type.startsWith("application/json")) {
        out.add(where + ": body must be sent as application/json, got " + type);
      }
      JsonSchema schema = bodySchemas.get(op.operationId());
      try {
        JsonNode node = MAPPER.readTree(body);
        if (schema != null) {
          Set<ValidationMessage> errors = schema.validate(node);
          for (ValidationMessage e : errors) {
            out.add(where + ": body " + e.getMessage());
          }
        }
      } catch (IOException e) {
        out.add(where + ": body is not JSON");
      }
    }
    return out;
  }

  /** A copy of the operation's example response body for a status (null when it has none). */
  public Object example(String operationId, int status) {
    for (Operation o : operations) {
      if (!o.operationId().equals(operationId)) {
        continue;
      }
      JsonObject response =
          o.spec().getJsonObject("responses", new JsonObject()).getJsonObject(String.valueOf(status));
      if (response == null) {
        throw new IllegalArgumentException(operationId + " documents no " + status + " response");
      }
      JsonObject content = response.getJsonObject("content");
      if (content == null) {
        return null;
      }
      JsonObject json = content.getJsonObject("application/json", new JsonObject());
      JsonObject examples = json.getJsonObject("examples");
      if (examples == null) {
        return null;
      }
      Iterator<String> it = examples.fieldNames().iterator();
      Object value = examples.getJsonObject(it.next()).getValue("value");
      if (value instanceof JsonObject jo) {
        return jo.copy();
      }
      if (value instanceof JsonArray ja) {
        return ja.copy();
      }
      return value;
    }
    throw new IllegalArgumentException("no operation " + operationId);
  }

  /** True when the description documents {@code status} for the operation. */
  public boolean documents(String operationId, int status) {
    for (Operation o : operations) {
      if (o.operationId().equals(operationId)) {
        return o.spec().getJsonObject("responses", new JsonObject()).containsKey(String.valueOf(status));
      }
    }
    return false;
  }

  private static JsonObject requestSchema(JsonObject spec) {
    JsonObject rb = spec.getJsonObject("requestBody");
    if (rb == null) {
      return null;
    }
    JsonObject content = rb.getJsonObject("content", new JsonObject());
    JsonObject json = content.getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema");
  }
}
