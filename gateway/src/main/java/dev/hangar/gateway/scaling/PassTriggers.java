package dev.hangar.gateway.scaling;

import java.util.HashMap;
import java.util.Map;

/**
 * When a pool's reconcile pass runs, as pure decisions (the caller owns timers and clocks): a
 * change of a quiet pool starts one debounce timer and later changes ride along, at most one
 * pass per pool runs at a time, and a request during a pass asks for one more right after it.
 * {@link PoolReconciler} drives it with Vert.x timers, the simulator with its virtual clock.
 */
public final class PassTriggers {
  private final Map<String, Slot> slots = new HashMap<>();

  /** A change of {@code pool}: true when the caller should start the debounce timer now. */
  public boolean changed(String pool) {
    Slot s = slot(pool);
    if (s.debouncing) {
      return false;
    }
    s.debouncing = true;
    return true;
  }

  /** The debounce timer of {@code pool} fired (or was cancelled). */
  public void debounceEnded(String pool) {
    slot(pool).debouncing = false;
  }

  /** True while a debounce timer of {@code pool} is pending. */
  public boolean debouncing(String pool) {
    return slot(pool).debouncing;
  }

  /** A pass is wanted: true to run it now, false when one runs and another follows it. */
  public boolean begin(String pool) {
    Slot s = slot(pool);
    if (s.running) {
      s.again = true;
      return false;
    }
    s.running = true;
    s.again = false;
    return true;
  }

  /** The pass of {@code pool} finished: true when the caller should run one more now. */
  public boolean finished(String pool) {
    Slot s = slot(pool);
    s.running = false;
    return s.again;
  }

  private Slot slot(String pool) {
    return slots.computeIfAbsent(pool, p -> new Slot());
  }

  private static final class Slot {
    boolean debouncing;
    boolean running;
    boolean again;
  }
}
