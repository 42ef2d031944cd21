package dev.hangar.gateway.scaling;

import dev.hangar.gateway.domain.ScalePlan;
import dev.hangar.gateway.domain.ScalingInput;

/** One reconcile pass of a pool: what the policy saw and what it decided. */
public record PassResult(ScalingInput input, ScalePlan plan) {}
