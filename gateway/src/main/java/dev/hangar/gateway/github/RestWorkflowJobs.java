package dev.hangar.gateway.github;

import dev.hangar.gateway.port.WorkflowJobs;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Workflow jobs on the REST API: read one, re-run one. */
final class RestWorkflowJobs implements WorkflowJobs {
  private final GitHubCalls calls;

  RestWorkflowJobs(GitHubCalls calls) {
    this.calls = calls;
  }

  @Override
  public Future<JobSnapshot> job(String repository, long jobId) {
    String url = calls.url("/repos/" + UrlPath.repository(repository) + "/actions/jobs/" + jobId);
    return calls.installation("get-job", HttpMethod.GET, url, null, null)
        .compose(
            r -> {
              if (r.status() == 404) {
                return Future.failedFuture(
                    new NoSuchElementException("job " + jobId + " not found in " + repository));
              }
              if (r.status() != 200) {
                return Future.failedFuture(
                    new GitHubApiException("get-job", r.status(), r.message()));
              }
              JsonObject j = r.json();
              List<String> labels = new ArrayList<>();
              j.getJsonArray("labels", new JsonArray()).forEach(l -> labels.add(String.valueOf(l)));
              return Future.succeededFuture(
                  new JobSnapshot(
                      j.getLong("id", jobId),
                      j.getLong("run_id", 0L),
                      j.getString("status"),
                      j.getString("conclusion"),
                      List.copyOf(labels),
                      j.getString("runner_name"),
                      GitHubCalls.instant(j.getString("created_at")),
                      GitHubCalls.instant(j.getString("started_at")),
                      GitHubCalls.instant(j.getString("completed_at"))));
            });
  }

  @Override
  public Future<Void> rerunJob(String repository, long jobId) {
    String url =
        calls.url("/repos/" + UrlPath.repository(repository) + "/actions/jobs/" + jobId + "/rerun");
    return calls.installation("rerun-job", HttpMethod.POST, url, null, null)
        .compose(
            r ->
                r.status() == 201
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new GitHubApiException("rerun-job", r.status(), r.message())));
  }
}
