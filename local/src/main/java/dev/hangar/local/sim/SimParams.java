package dev.hangar.local.sim;

import java.util.List;

/**
 * Latencies, prices and spot behaviour of the simulated AWS and GitHub; every field defaults to
 * the figure documented (with sources) in docs/scaling.md. Seconds unless the name says.
 *
 * @param coldBootSeconds cold launch until the agent runs (Pending)
 * @param hookSeconds agent completing the launch lifecycle hook (Pending:Wait)
 * @param registrationSeconds agent registration until the runner is online on GitHub
 * @param startFromStoppedSeconds warm start of a stopped instance until the agent runs
 * @param resumeFromHibernatedSeconds warm start of a hibernated instance
 * @param startFromWarmRunningSeconds warm start of a running warm-pool instance
 * @param warmupSeconds warm-up work while in Warmed:Pending:Wait (pre-pulls, caches)
 * @param stopSeconds stopping after warm-up (billed as running)
 * @param hookTimeoutSeconds lifecycle hook heartbeat timeout (ABANDON when it expires)
 * @param dispatchSeconds GitHub handing a queued job to an idle online runner
 * @param retireSeconds agent retiring its instance after its one job
 * @param launchRetrySeconds Auto Scaling retrying a failed launch
 * @param spotNoticeSeconds spot interruption notice
 * @param spotInterruptionsPerInstanceHour background spot interruption rate
 * @param spotStorms windows with more interruptions and/or capacity errors
 * @param rerunDelaySeconds gateway noticing an interrupted job and re-running it
 * @param reconcileDebounceSeconds pass after a job event, at most this late
 * @param reconcilePeriodSeconds pass on a timer
 * @param instanceType instance type of every group not named in {@code instanceTypes}
 * @param instanceTypes instance type per Auto Scaling group name
 * @param onDemandPrices on-demand USD per hour by instance type (defaults: us-east-1 list
 *     prices of a few common runner types; add the types you use)
 * @param spotDiscount spot price = on-demand price x (1 - spotDiscount)
 * @param ebsGb root volume size
 * @param ebsGbMonthly EBS price per GB-month
 * @param ramGb memory saved to EBS while hibernated
 * @param coldDelaySeconds cold-per-job baseline: delay before a queued event is handled
 * @param coldMinRunningMinutes cold-per-job baseline: minimum running time before scale-down
 * @param coldScaleDownMinutes cold-per-job baseline: scale-down schedule period
 * @param coldJobQueuedCheck cold-per-job baseline: launch only if the job is still queued after
 *     the delay (the module's default for non-ephemeral runners); false launches for every job
 * @param fixedSize fixed-pool baseline size per pool; null = p95 of the trace's concurrency
 * @param seed random seed (interruptions)
 * @param billingMinimumSeconds EC2 bills at least this long per start of an instance (launch or
 *     start from the warm pool), per second after; 0 = plain per-second billing
 */
public record SimParams(
    Double coldBootSeconds,
    Double hookSeconds,
    Double registrationSeconds,
    Double startFromStoppedSeconds,
    Double resumeFromHibernatedSeconds,
    Double startFromWarmRunningSeconds,
    Double warmupSeconds,
    Double stopSeconds,
    Double hookTimeoutSeconds,
    Double dispatchSeconds,
    Double retireSeconds,
    Double launchRetrySeconds,
    Double spotNoticeSeconds,
    Double spotInterruptionsPerInstanceHour,
    List<SpotStorm> spotStorms,
    Double rerunDelaySeconds,
    Double reconcileDebounceSeconds,
    Double reconcilePeriodSeconds,
    String instanceType,
    java.util.Map<String, String> instanceTypes,
    java.util.Map<String, Double> onDemandPrices,
    Double spotDiscount,
    Double ebsGb,
    Double ebsGbMonthly,
    Double ramGb,
    Double coldDelaySeconds,
    Double coldMinRunningMinutes,
    Double coldScaleDownMinutes,
    Boolean coldJobQueuedCheck,
    Integer fixedSize,
    Long seed,
    Double billingMinimumSeconds) {

  /** On-demand list prices, us-east-1, Linux, USD per hour. */
  public static final java.util.Map<String, Double> DEFAULT_PRICES =
      java.util.Map.of(
          "m7i.large", 0.1008,
          "m7i.xlarge", 0.2016,
          "m7i.2xlarge", 0.4032,
          "c7i.large", 0.08925,
          "c7i.xlarge", 0.1785,
          "m7g.large", 0.0816,
          "c7g.xlarge", 0.145);

  public SimParams {
    coldBootSeconds = or(coldBootSeconds, 42);
    hookSeconds = or(hookSeconds, 1);
    registrationSeconds = or(registrationSeconds, 7);
    startFromStoppedSeconds = or(startFromStoppedSeconds, 12);
    resumeFromHibernatedSeconds = or(resumeFromHibernatedSeconds, 10);
    startFromWarmRunningSeconds = or(startFromWarmRunningSeconds, 1);
    warmupSeconds = or(warmupSeconds, 60);
    stopSeconds = or(stopSeconds, 15);
    hookTimeoutSeconds = or(hookTimeoutSeconds, 3600);
    dispatchSeconds = or(dispatchSeconds, 2);
    retireSeconds = or(retireSeconds, 5);
    launchRetrySeconds = or(launchRetrySeconds, 60);
    spotNoticeSeconds = or(spotNoticeSeconds, 120);
    spotInterruptionsPerInstanceHour = or(spotInterruptionsPerInstanceHour, 0.005);
    spotStorms = spotStorms == null ? List.of() : List.copyOf(spotStorms);
    rerunDelaySeconds = or(rerunDelaySeconds, 15);
    reconcileDebounceSeconds = or(reconcileDebounceSeconds, 2);
    reconcilePeriodSeconds = or(reconcilePeriodSeconds, 15);
    instanceType = instanceType == null ? "m7i.large" : instanceType;
    instanceTypes = instanceTypes == null ? java.util.Map.of() : java.util.Map.copyOf(instanceTypes);
    java.util.Map<String, Double> prices = new java.util.TreeMap<>(DEFAULT_PRICES);
    if (onDemandPrices != null) {
      prices.putAll(onDemandPrices);
    }
    onDemandPrices = java.util.Map.copyOf(prices);
    spotDiscount = or(spotDiscount, 0.6);
    for (String type : instanceTypes.values()) {
      if (!onDemandPrices.containsKey(type)) {
        throw new IllegalArgumentException("no price for instance type " + type + " (onDemandPrices)");
      }
    }
    if (!onDemandPrices.containsKey(instanceType)) {
      throw new IllegalArgumentException("no price for instance type " + instanceType + " (onDemandPrices)");
    }
    if (spotDiscount < 0 || spotDiscount >= 1) {
      throw new IllegalArgumentException("spotDiscount must be in [0, 1)");
    }
    ebsGb = or(ebsGb, 30);
    ebsGbMonthly = or(ebsGbMonthly, 0.08);
    ramGb = or(ramGb, 8);
    coldDelaySeconds = or(coldDelaySeconds, 30);
    coldMinRunningMinutes = or(coldMinRunningMinutes, 5);
    coldScaleDownMinutes = or(coldScaleDownMinutes, 5);
    coldJobQueuedCheck = coldJobQueuedCheck == null || coldJobQueuedCheck;
    seed = seed == null ? 1L : seed;
    billingMinimumSeconds = or(billingMinimumSeconds, 60);
  }

  /** All defaults. */
  public static SimParams defaults() {
    return new SimParams(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** A copy with other spot storms. */
  public SimParams withStorms(List<SpotStorm> storms) {
    return copy(storms, spotInterruptionsPerInstanceHour);
  }

  /** A copy with another background interruption rate. */
  public SimParams withInterruptionRate(double perInstanceHour) {
    return copy(spotStorms, perInstanceHour);
  }

  /** A copy in which only the parameters the {@code with...} methods vary may differ. */
  private SimParams copy(List<SpotStorm> storms, Double interruptionRate) {
    return new SimParams(
        coldBootSeconds, hookSeconds, registrationSeconds, startFromStoppedSeconds,
        resumeFromHibernatedSeconds, startFromWarmRunningSeconds, warmupSeconds, stopSeconds,
        hookTimeoutSeconds, dispatchSeconds, retireSeconds, launchRetrySeconds, spotNoticeSeconds,
        interruptionRate, storms, rerunDelaySeconds, reconcileDebounceSeconds,
        reconcilePeriodSeconds, instanceType, instanceTypes, onDemandPrices, spotDiscount, ebsGb,
        ebsGbMonthly, ramGb,
        coldDelaySeconds, coldMinRunningMinutes, coldScaleDownMinutes, coldJobQueuedCheck, fixedSize,
        seed, billingMinimumSeconds);
  }

  /** The instance type of a group. */
  public String typeOf(String asg) {
    return instanceTypes.getOrDefault(asg, instanceType);
  }

  /** USD per hour of a running instance of the type, on spot or on-demand. */
  public double hourly(String type, boolean spot) {
    double onDemand = onDemandPrices.get(type);
    return spot ? onDemand * (1 - spotDiscount) : onDemand;
  }

  /** EBS cost per hour of one instance's root volume. */
  public double ebsHourly() {
    return ebsGb * ebsGbMonthly / 730.0;
  }

  private static Double or(Double v, double d) {
    return v == null ? d : v;
  }

  /**
   * A window (hours from the trace start) with an extra spot interruption rate and/or failing
   * spot launches (InsufficientInstanceCapacity).
   */
  public record SpotStorm(
      Double startHour, Double hours, Double interruptionsPerInstanceHour, Boolean capacityErrors) {
    public SpotStorm {
      startHour = startHour == null ? 0 : startHour;
      hours = hours == null ? 1 : hours;
      interruptionsPerInstanceHour =
          interruptionsPerInstanceHour == null ? 0 : interruptionsPerInstanceHour;
      capacityErrors = capacityErrors != null && capacityErrors;
    }
  }
}
