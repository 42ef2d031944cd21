package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.ScalePlan.WarmPoolPlan;
import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.Fleet.WarmPoolSpec;
import io.vertx.core.Future;
import java.util.List;

/** Brings a group's warm pool to what a plan asks for; both scaling passes use it. */
final class WarmPools {
  private WarmPools() {}

  /**
   * Adds to {@code calls} the one {@code putWarmPool} that makes the group's warm pool
   * ({@code have}, null when it has none) match {@code want}; adds nothing when the plan wants no
   * warm pool or the group already has that one, so a steady pool makes no AWS call.
   */
  static void update(Fleet fleet, String asg, Fleet.WarmPoolState have, WarmPoolPlan want,
      List<Future<Void>> calls) {
    if (want != null && !same(have, want)) {
      calls.add(fleet.putWarmPool(asg,
          new WarmPoolSpec(want.minSize(), want.maxGroupPreparedCapacity(), want.state().awsName())));
    }
  }

  private static boolean same(Fleet.WarmPoolState have, WarmPoolPlan want) {
    return have != null
        && have.minSize() == want.minSize()
        && have.maxGroupPreparedCapacity() == want.maxGroupPreparedCapacity()
        && want.state().awsName().equalsIgnoreCase(have.poolState());
  }
}
