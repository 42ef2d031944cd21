package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields of a request body the way {@code docs/agent-api.yaml} describes them; every
 * violation becomes a 400 naming the field.
 */
final class JsonFields {
  private final JsonObject json;

  JsonFields(JsonObject json, Set<String> allowed) {
    this.json = json;
    for (String key : json.fieldNames()) {
      if (!allowed.contains(key)) {
        throw bad("unknown field: " + key);
      }
    }
  }

  String requiredString(String name, int minLength, int maxLength) {
    String s = optionalString(name, maxLength);
    if (s == null) {
      throw bad("missing field: " + name);
    }
    if (s.length() < minLength) {
      throw bad("field too short: " + name);
    }
    return s;
  }

  String optionalString(String name, int maxLength) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw bad("field must be a string: " + name);
    }
    if (s.length() > maxLength) {
      throw bad("field too long: " + name);
    }
    return s;
  }

  String matching(String name, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw bad("malformed field: " + name);
    }
    return value;
  }

  String oneOf(String name, String value, Set<String> values) {
    if (value != null && !values.contains(value)) {
      throw bad("field " + name + " must be one of " + values.stream().sorted().toList());
    }
    return value;
  }

  Long optionalCount(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
      throw bad("field must be a non-negative integer: " + name);
    }
    return n.longValue();
  }

  Double optionalNonNegative(String name) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != n.doubleValue()) {
      throw bad("field must be a non-negative number: " + name);
    }
    return n.doubleValue();
  }

  Instant optionalTime(String name) {
    String s = optionalString(name, 64);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw bad("field must be an RFC 3339 time: " + name);
    }
  }

  static ApiException bad(String reason) {
    return new ApiException(400, reason);
  }
}
