package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Auto Scaling lifecycle state, parsed from AWS's name, and each question asked of it. */
class InstanceLifecycleTest {
  /** One state: AWS's name and the expected answers, in the order of {@link #answers}. */
  record Row(String awsName, InstanceLifecycle state, String answers) {}

  // Columns: inService, pending, inWarmPool, warming, warm, standby, leaving, countsTowardDesired.
  static final List<Row> TABLE = List.of(
      new Row("Pending", InstanceLifecycle.PENDING, "-p-----d"),
      new Row("Pending:Wait", InstanceLifecycle.PENDING_WAIT, "-p-----d"),
      new Row("Pending:Proceed", InstanceLifecycle.PENDING_PROCEED, "-p-----d"),
      new Row("Quarantined", InstanceLifecycle.QUARANTINED, "-------d"),
      new Row("InService", InstanceLifecycle.IN_SERVICE, "i------d"),
      new Row("ReplacingRootVolume", InstanceLifecycle.REPLACING_ROOT_VOLUME, "-------d"),
      new Row("ReplacingRootVolume:Wait", InstanceLifecycle.REPLACING_ROOT_VOLUME_WAIT, "-------d"),
      new Row("ReplacingRootVolume:Proceed", InstanceLifecycle.REPLACING_ROOT_VOLUME_PROCEED, "-------d"),
      new Row("RootVolumeReplaced", InstanceLifecycle.ROOT_VOLUME_REPLACED, "-------d"),
      new Row("EnteringStandby", InstanceLifecycle.ENTERING_STANDBY, "-----s--"),
      new Row("Standby", InstanceLifecycle.STANDBY, "-----s--"),
      new Row("Terminating", InstanceLifecycle.TERMINATING, "------l-"),
      new Row("Terminating:Wait", InstanceLifecycle.TERMINATING_WAIT, "------l-"),
      new Row("Terminating:Proceed", InstanceLifecycle.TERMINATING_PROCEED, "------l-"),
      new Row("Terminating:Retained", InstanceLifecycle.TERMINATING_RETAINED, "------l-"),
      new Row("Terminated", InstanceLifecycle.TERMINATED, "------l-"),
      new Row("Detaching", InstanceLifecycle.DETACHING, "------l-"),
      new Row("Detached", InstanceLifecycle.DETACHED, "------l-"),
      new Row("Warmed:Pending", InstanceLifecycle.WARMED_PENDING, "--ww----"),
      new Row("Warmed:Pending:Wait", InstanceLifecycle.WARMED_PENDING_WAIT, "--ww----"),
      new Row("Warmed:Pending:Proceed", InstanceLifecycle.WARMED_PENDING_PROCEED, "--ww----"),
      new Row("Warmed:Pending:Retained", InstanceLifecycle.WARMED_PENDING_RETAINED, "--ww----"),
      new Row("Warmed:Stopped", InstanceLifecycle.WARMED_STOPPED, "--w-w---"),
      new Row("Warmed:Running", InstanceLifecycle.WARMED_RUNNING, "--w-w---"),
      new Row("Warmed:Hibernated", InstanceLifecycle.WARMED_HIBERNATED, "--w-w---"),
      new Row("Warmed:Terminating", InstanceLifecycle.WARMED_TERMINATING, "--w---l-"),
      new Row("Warmed:Terminating:Wait", InstanceLifecycle.WARMED_TERMINATING_WAIT, "--w---l-"),
      new Row("Warmed:Terminating:Proceed", InstanceLifecycle.WARMED_TERMINATING_PROCEED, "--w---l-"),
      new Row("Warmed:Terminating:Retained", InstanceLifecycle.WARMED_TERMINATING_RETAINED, "--w---l-"),
      new Row("Warmed:Terminated", InstanceLifecycle.WARMED_TERMINATED, "--w---l-"));

  static String answers(InstanceLifecycle l) {
    boolean[] a = {l.inService(), l.pending(), l.inWarmPool(), l.warming(), l.warm(), l.standby(),
        l.leaving(), l.countsTowardDesired()};
    String letters = "ipwwwsld";
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < a.length; k++) {
      sb.append(a[k] ? letters.charAt(k) : '-');
    }
    return sb.toString();
  }

  @Test
  void theTableCoversEveryStateButUnknownOnce() {
    Set<InstanceLifecycle> covered = TABLE.stream().map(Row::state).collect(Collectors.toSet());
    assertEquals(TABLE.size(), covered.size());
    assertEquals(EnumSet.complementOf(EnumSet.of(InstanceLifecycle.UNKNOWN)), EnumSet.copyOf(covered));
  }

  @Test
  void everyAwsNameParsesToItsStateAndBack() {
    for (Row r : TABLE) {
      assertEquals(r.state(), InstanceLifecycle.parse(r.awsName()), r.awsName());
      assertEquals(r.awsName(), r.state().awsName());
    }
  }

  @Test
  void everyStateAnswersEveryQuestion() {
    for (Row r : TABLE) {
      assertEquals(r.answers(), answers(r.state()), r.awsName());
    }
  }

  @Test
  void unknownCountsTowardDesiredAndIsNothingElse() {
    assertEquals("-------d", answers(InstanceLifecycle.UNKNOWN));
    assertEquals("Unknown", InstanceLifecycle.UNKNOWN.awsName());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Unknown", "inservice", "INSERVICE", "InService ", "Warmed:", "Warmed:Paused",
      "Terminat", "Standby:Wait", "Pending:"})
  void anythingElseIsUnknown(String name) {
    assertEquals(InstanceLifecycle.UNKNOWN, InstanceLifecycle.parse(name));
  }

  @Test
  void awsNamesAreDistinct() {
    assertEquals(InstanceLifecycle.values().length,
        Arrays.stream(InstanceLifecycle.values()).map(InstanceLifecycle::awsName).distinct().count());
  }
}
