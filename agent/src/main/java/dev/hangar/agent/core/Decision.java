package dev.hangar.agent.core;

import java.util.List;

/** What {@link Decisions#decide} concluded: the next situation and the actions to carry out, in order. */
public record Decision(Situation next, List<Action> actions) {
  public Decision {
    actions = List.copyOf(actions);
  }

  static Decision stay(Situation s) {
    return new Decision(s, List.of());
  }

  static Decision of(Situation s, Action... actions) {
    return new Decision(s, List.of(actions));
  }
}
