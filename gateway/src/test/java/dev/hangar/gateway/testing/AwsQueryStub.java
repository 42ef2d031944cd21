package dev.hangar.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scripted stand-in for the EC2 Auto Scaling and EC2 Query APIs, for what moto does not do:
 * throttling, {@code CompleteLifecycleAction}, bounds validation of {@code SetDesiredCapacity}.
 * It follows the real wire format: form-encoded {@code POST /} with {@code Action} and
 * {@code Version}; Auto Scaling ({@code Version=2011-01-01}) answers {@code <ActionResponse>}
 * XML and errors as {@code <ErrorResponse><Error><Code>} with HTTP 400 (e.g. {@code Throttling},
 * {@code ValidationError}); EC2 ({@code Version=2016-11-15}) errors are
 * {@code <Response><Errors><Error><Code>} with HTTP 503 for {@code RequestLimitExceeded}.
 * Every request's parameters are recorded; answers are scripted per action, a plain success
 * otherwise.
 */
public final class AwsQueryStub implements AutoCloseable {
  private static final String AS_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  private static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  /** One scripted answer. */
  public record Answer(int status, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();

  public AwsQueryStub() {
    try {
      server =
          vertx
              .createHttpServer()
              .requestHandler(this::handle)
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The endpoint URL to give the SDK. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers the next calls of {@code action} with these, in order. */
  public void script(String action, Answer... answers) {
    script.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(answers));
  }

  /** Auto Scaling error, as AWS sends it. */
  public static Answer autoScalingError(String code, String message) {
    return new Answer(
        400,
        "<ErrorResponse xmlns=\"" + AS_NS + "\"><Error><Type>Sender</Type><Code>" + code
            + "</Code><Message>" + message + "</Message></Error><RequestId>stub</RequestId></ErrorResponse>");
  }

  /** EC2 error, as AWS sends it. */
  public static Answer ec2Error(int status, String code, String message) {
    return new Answer(
        status,
        "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
            + "</Message></Error></Errors><RequestID>stub</RequestID></Response>");
  }

  /** A successful Auto Scaling answer whose result element holds {@code resultXml}. */
  public static Answer autoScalingResult(String action, String resultXml) {
    return new Answer(
        200,
        "<" + action + "Response xmlns=\"" + AS_NS + "\"><" + action + "Result>" + resultXml + "</"
            + action + "Result><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></"
            + action + "Response>");
  }

  /** A group as DescribeAutoScalingGroups describes it (no instances). */
  public static Answer group(String name, int min, int max, int desired) {
    return autoScalingResult(
        "DescribeAutoScalingGroups",
        "<AutoScalingGroups><member><AutoScalingGroupName>" + name + "</AutoScalingGroupName>"
            + "<MinSize>" + min + "</MinSize><MaxSize>" + max + "</MaxSize><DesiredCapacity>"
            + desired + "</DesiredCapacity><Instances/></member></AutoScalingGroups>");
  }

  /** Recorded requests of one action, their parameters in order. */
  public List<Map<String, String>> requests(String action) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : requests) {
      if (action.equals(r.get("Action"))) {
        out.add(r);
      }
    }
    return out;
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              Map<String, String> params = parse(body.toString(StandardCharsets.UTF_8));
              requests.add(params);
              String action = params.getOrDefault("Action", "");
              Deque<Answer> q = script.get(action);
              Answer a = q == null ? null : q.pollFirst();
              if (a == null) {
                a = success(action, params.get("Version"));
              }
              req.response().setStatusCode(a.status()).putHeader("Content-Type", "text/xml").end(a.body());
            });
  }

  private static Answer success(String action, String version) {
    if ("2016-11-15".equals(version)) {
      return new Answer(
          200,
          "<" + action + "Response xmlns=\"" + EC2_NS + "\"><requestId>stub</requestId><return>true</return></"
              + action + "Response>");
    }
    return new Answer(
        200,
        "<" + action + "Response xmlns=\"" + AS_NS + "\"><ResponseMetadata><RequestId>stub</RequestId>"
            + "</ResponseMetadata></" + action + "Response>");
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return new HashMap<>(out);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
