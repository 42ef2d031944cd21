package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Desired capacity kept within a group's minimum and maximum. */
class GroupBoundsTest {
  @Test
  void clampsBelowAndAboveAndKeepsWhatIsWithin() {
    GroupBounds b = new GroupBounds(1, 5);
    assertEquals(1, b.clamp(-3));
    assertEquals(1, b.clamp(0));
    assertEquals(3, b.clamp(3));
    assertEquals(5, b.clamp(5));
    assertEquals(5, b.clamp(9));
  }

  @Test
  void aFixedSizeGroupAlwaysAnswersItsSize() {
    assertEquals(2, new GroupBounds(2, 2).clamp(0));
    assertEquals(2, new GroupBounds(2, 2).clamp(7));
  }
}
