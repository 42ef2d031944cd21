package dev.hangar.local.demo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Runs calls on one Vert.x context: the simulated world is single-threaded. */
final class OnContext {
  private final Context context;

  OnContext(Context context) {
    this.context = context;
  }

  <T> Future<T> call(Supplier<Future<T>> call) {
    if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
      return call.get();
    }
    Promise<T> p = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            call.get().onComplete(p);
          } catch (RuntimeException e) {
            p.fail(e);
          }
        });
    return p.future();
  }
}
