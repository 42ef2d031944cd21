package dev.hangar.gateway.github;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A final GitHub answer (after retries): status, headers and body. */
record GitHubResponse(int status, MultiMap headers, Buffer body) {

  JsonObject json() {
    return body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
  }

  JsonArray jsonArray() {
    return body == null || body.length() == 0 ? new JsonArray() : body.toJsonArray();
  }

  /** GitHub's {@code message} field, for error reports (never echoes request secrets). */
  String message() {
    try {
      return json().getString("message");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
