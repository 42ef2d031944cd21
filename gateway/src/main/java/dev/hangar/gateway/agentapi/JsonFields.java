package dev.hangar.gateway.agentapi;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields of a request body the way {@code docs/agent-api.yaml} describes them; every
 * violation becomes a 400 naming the field. Strings follow {@link SafeText} unless read as
 * {@link #optionalBlock}; lengths count Unicode characters, as JSON Schema does. An explicit
 * {@code null} is the same as an absent field.
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
    if (SafeText.length(s) < minLength) {
      throw bad("field too short: " + name);
    }
    return s;
  }

  String optionalString(String name, int maxLength) {
    String s = optionalBlock(name, maxLength);
    String refused = s == null ? null : SafeText.refused(s);
    if (refused != null) {
      throw bad("field must not contain control or bidi characters (" + refused + "): " + name);
    }
    return s;
  }

  /** A string that may span lines (an identity document): only type and length are checked. */
  String optionalBlock(String name, int maxLength) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw bad("field must be a string: " + name);
    }
    if (SafeText.length(s) > maxLength) {
      throw bad("field too long: " + name);
    }
    return s;
  }

  String requiredBlock(String name, int minLength, int maxLength) {
    String s = optionalBlock(name, maxLength);
    if (s == null) {
      throw bad("missing field: " + name);
    }
    if (SafeText.length(s) < minLength) {
      throw bad("field too short: " + name);
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

  /** An integer in {@code [0, max]}; larger, fractional or non-finite values are refused, never wrapped. */
  Long optionalCount(String name, long max) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    String wrong = "field must be an integer from 0 to " + max + ": " + name;
    if (!(v instanceof Number n)) {
      throw bad(wrong);
    }
    BigDecimal exact = exact(n);
    if (exact == null || exact.signum() < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw bad(wrong);
    }
    try {
      return exact.longValueExact();
    } catch (ArithmeticException fractional) {
      throw bad(wrong);
    }
  }

  /** A finite number in {@code [0, max]}. */
  Double optionalNumber(String name, double max) {
    Object v = json.getValue(name);
    if (v == null) {
      return null;
    }
    String wrong = "field must be a number from 0 to " + max + ": " + name;
    if (!(v instanceof Number n)) {
      throw bad(wrong);
    }
    BigDecimal exact = exact(n);
    if (exact == null || exact.signum() < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw bad(wrong);
    }
    return exact.doubleValue();
  }

  /** The number's exact value; null for NaN and infinities (what 1e400 parses to). */
  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return BigDecimal.valueOf(n.longValue());
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
    return new ApiException(ErrorCode.BAD_REQUEST, reason);
  }
}
