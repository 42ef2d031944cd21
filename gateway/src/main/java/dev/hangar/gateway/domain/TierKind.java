package dev.hangar.gateway.domain;

/** The two kinds of Auto Scaling group a pool can have. */
public enum TierKind {
  /** On-demand group with a warm pool of pre-initialized (usually stopped) instances. */
  WARM,
  /** Mixed-instances spot group, cold launch; AWS allows no warm pool here. */
  SPOT
}
