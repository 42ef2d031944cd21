package dev.hangar.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP/1.1 connections of clients too slow to send their requests: a slow client that
 * trickles a byte now and then keeps resetting the idle timeout, so only a deadline counted
 * from a fixed start bounds how long it holds a connection.
 *
 * <ul>
 *   <li>A new connection's first request must have sent its headers and whole body within the
 *       request timeout of connecting.
 *   <li>Every later request's body must arrive within the request timeout of its headers.
 *   <li>On a kept-alive connection the next request's headers must arrive within the idle
 *       timeout plus the request timeout of the previous answer (a truly idle connection is the
 *       idle timeout's to close first).
 * </ul>
 *
 * A body that is late gets a 408 when no answer started yet; either way the connection closes.
 * Timers run on the connection's own event loop; nothing blocks.
 */
public final class RequestDeadlines {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);

  private final Vertx vertx;
  private final long requestMillis;
  private final long nextRequestMillis;
  private final EdgeErrors errors;
  private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

  /** Per connection; only touched on the connection's event loop. */
  private static final class Watch {
    long timer = -1;
    /** When the first request's headers and body are due (nanoTime), or 0 once it arrived. */
    long firstDue;
    HttpServerRequest current;
    boolean answerSeen;
  }

  public RequestDeadlines(Vertx vertx, Duration requestTimeout, Duration idleTimeout, EdgeErrors errors) {
    this.vertx = vertx;
    this.requestMillis = requestTimeout.toMillis();
    this.nextRequestMillis = idleTimeout.toMillis() + requestTimeout.toMillis();
    this.errors = errors;
  }

  /** For {@code HttpServer.connectionHandler}: starts the first request's deadline. */
  public void connected(HttpConnection connection) {
    Watch w = new Watch();
    w.firstDue = System.nanoTime() + requestMillis * 1_000_000;
    watches.put(connection, w);
    connection.closeHandler(v -> {
      cancel(w);
      watches.remove(connection);
    });
    w.timer = vertx.setTimer(requestMillis, id -> {
      w.timer = -1;
      LOG.debug("closing a connection that sent no request within {} ms", requestMillis);
      connection.close();
    });
  }

  /** Wraps the server's request handler with the body deadline. */
  public Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
    return request -> {
      Watch w = watches.get(request.connection());
      long bodyMillis = requestMillis;
      if (w != null) {
        cancel(w);
        if (w.firstDue != 0) {
          bodyMillis = Math.max(1, (w.firstDue - System.nanoTime()) / 1_000_000);
          w.firstDue = 0;
        }
        w.current = request;
        w.answerSeen = false;
      }
      long timer = vertx.setTimer(bodyMillis, id -> bodyLate(request));
      request.end().onComplete(ar -> {
        vertx.cancelTimer(timer);
        if (w != null && ar.succeeded()) {
          awaitNext(request.connection(), w);
        }
      });
      next.handle(request);
    };
  }

  private void bodyLate(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    LOG.debug("closing a connection whose request body did not arrive in time");
    HttpConnection connection = request.connection();
    if (request.response().headWritten() || request.response().ended()) {
      connection.close();
      return;
    }
    request.response().putHeader("Connection", "close");
    errors.refuse(request, 408, "request headers and body must arrive within " + requestMillis / 1000 + " s");
    connection.close();
  }

  /**
   * Once the gateway answered, the client has the idle plus request timeout to send its next
   * request. The answer's end is not observable here (the router owns the response's end
   * handler), so the deadline is checked when the timer fires and granted once more from the
   * first time the answer is seen sent: a client is never cut short of that time.
   */
  private void awaitNext(HttpConnection connection, Watch w) {
    w.timer = vertx.setTimer(nextRequestMillis, id -> {
      w.timer = -1;
      HttpServerRequest current = w.current;
      boolean answered = current == null || current.response().ended() || current.response().closed();
      if (answered && w.answerSeen) {
        LOG.debug("closing a kept-alive connection that sent no next request in time");
        connection.close();
        return;
      }
      w.answerSeen = answered;
      awaitNext(connection, w);
    });
  }

  private void cancel(Watch w) {
    if (w.timer != -1) {
      vertx.cancelTimer(w.timer);
      w.timer = -1;
    }
  }
}
