package dev.hangar.gateway.github;

import dev.hangar.gateway.port.RunnerRegistration;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/** JIT runner creation on the REST API; a runner group id is resolved once per name. */
final class RestRegistration implements RunnerRegistration {
  private final GitHubCalls calls;
  private final RestRunners runners;
  private final Map<String, Future<Long>> runnerGroups = new ConcurrentHashMap<>();

  RestRegistration(GitHubCalls calls, RestRunners runners) {
    this.calls = calls;
    this.runners = runners;
  }

  @Override
  public Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder) {
    JsonObject body =
        new JsonObject()
            .put("name", runnerName)
            .put("runner_group_id", runnerGroupId)
            .put("labels", new JsonArray(new ArrayList<>(labels)));
    if (workFolder != null && !workFolder.isBlank()) {
      body.put("work_folder", workFolder);
    }
    String url = calls.actionsUrl("/runners/generate-jitconfig");
    return calls.installation("generate-jitconfig", HttpMethod.POST, url, body, null)
        .compose(
            r ->
                r.status() == 409
                    ? replaceStaleRunner(runnerName)
                        .compose(v -> calls.installation("generate-jitconfig", HttpMethod.POST, url, body, null))
                    : Future.succeededFuture(r))
        .map(
            r -> {
              if (r.status() != 201) {
                throw new GitHubApiException("generate-jitconfig", r.status(), r.message());
              }
              JsonObject json = r.json();
              JsonObject runner = json.getJsonObject("runner", new JsonObject());
              return new JitConfig(
                  runner.getLong("id", 0L),
                  runner.getString("name", runnerName),
                  json.getString("encoded_jit_config"));
            });
  }

  /**
   * A runner with this name already exists: an earlier attempt (e.g. a retry after a timeout)
   * created it, but its JIT config never arrived. It has never run, so remove it and try again;
   * a busy runner of that name is left alone and the call fails.
   */
  private Future<Void> replaceStaleRunner(String runnerName) {
    return runners
        .runnersNamed(runnerName)
        .compose(
            found ->
                Future.all(
                        found.stream()
                            .filter(x -> runnerName.equals(x.name()))
                            .map(x -> runners.deleteRunner(x.id()))
                            .toList())
                    .mapEmpty());
  }

  @Override
  public Future<Long> runnerGroupId(String name) {
    String key = name == null || name.isBlank() ? "" : name.toLowerCase(Locale.ROOT);
    if (calls.scope.isRepository()) {
      // Repository runners all live in the repository's default group.
      return key.isEmpty() || key.equals("default")
          ? Future.succeededFuture(1L)
          : Future.failedFuture(
              new IllegalArgumentException(
                  "runner groups exist only for organizations; github.owner is " + calls.scope));
    }
    Future<Long> known = runnerGroups.get(key);
    if (known != null && !known.failed()) {
      return known;
    }
    Future<Long> f =
        findGroup(
            calls.url(
                "/orgs/" + UrlPath.segment(calls.scope.owner())
                    + "/actions/runner-groups?per_page=" + GitHubCalls.PAGE_SIZE),
            key,
            0);
    runnerGroups.put(key, f);
    return f;
  }

  private Future<Long> findGroup(String url, String key, int page) {
    return calls.installation("list-runner-groups", HttpMethod.GET, url, null, null)
        .compose(
            r -> {
              if (r.status() != 200) {
                return Future.failedFuture(
                    new GitHubApiException("list-runner-groups", r.status(), r.message()));
              }
              JsonArray groups = r.json().getJsonArray("runner_groups", new JsonArray());
              for (int i = 0; i < groups.size(); i++) {
                JsonObject g = groups.getJsonObject(i);
                boolean match =
                    key.isEmpty()
                        ? g.getBoolean("default", false)
                        : key.equalsIgnoreCase(g.getString("name", ""));
                if (match) {
                  return Future.succeededFuture(g.getLong("id"));
                }
              }
              String next = LinkHeader.next(r.headers().get("Link"));
              if (next == null || page + 1 >= GitHubCalls.MAX_PAGES) {
                return Future.failedFuture(
                    new NoSuchElementException(
                        "runner group '" + (key.isEmpty() ? "default" : key) + "' not found for "
                            + calls.scope));
              }
              return findGroup(next, key, page + 1);
            });
  }
}
