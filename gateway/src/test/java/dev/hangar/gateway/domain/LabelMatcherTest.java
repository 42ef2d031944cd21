package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
  private static Pool pool(String name, String... labels) {
    return new Pool(name, List.of(labels), 10, 0, List.of(new Tier(name + "-asg", TierKind.WARM)));
  }

  private final Pool linux = pool("linux", "self-hosted", "linux", "x64");
  private final Pool linuxBig = pool("linux-big", "self-hosted", "linux", "x64", "large");
  private final Pool arm = pool("arm", "self-hosted", "linux", "ARM64");
  private final LabelMatcher matcher = new LabelMatcher(List.of(linux, linuxBig, arm));

  @Test
  void jobLabelsThatAreASubsetOfThePoolLabelsMatch() {
    assertEquals(Optional.of(linux), matcher.match(List.of("self-hosted", "linux")));
    assertEquals(Optional.of(linuxBig), matcher.match(List.of("self-hosted", "large")));
  }

  @Test
  void comparisonIgnoresCase() {
    assertEquals(Optional.of(arm), matcher.match(List.of("Self-Hosted", "arm64")));
    assertEquals(Optional.of(linux), matcher.match(List.of("LINUX", "X64")));
  }

  @Test
  void aLabelNoPoolHasMatchesNothing() {
    assertEquals(Optional.empty(), matcher.match(List.of("self-hosted", "windows")));
    assertEquals(Optional.empty(), matcher.match(List.of("ubuntu-latest")));
    assertEquals(List.of(), matcher.matchingPools(List.of("self-hosted", "gpu")));
  }

  @Test
  void labelsFromTwoPoolsTogetherMatchNeither() {
    assertEquals(Optional.empty(), matcher.match(List.of("large", "arm64")));
  }

  @Test
  void whenSeveralPoolsMatchTheFirstInConfigOrderWins() {
    assertEquals(Optional.of(linux), matcher.match(List.of("self-hosted")));
    assertEquals(List.of(linux, linuxBig, arm), matcher.matchingPools(List.of("self-hosted")));
    assertEquals(List.of(linux, linuxBig), matcher.matchingPools(List.of("x64")));

    LabelMatcher reversed = new LabelMatcher(List.of(arm, linuxBig, linux));
    assertEquals(Optional.of(arm), reversed.match(List.of("self-hosted", "linux")));
  }

  @Test
  void emptyJobLabelsMatchNoPool() {
    assertEquals(Optional.empty(), matcher.match(List.of()));
    assertEquals(List.of(), matcher.matchingPools(List.of()));
    assertFalse(LabelMatcher.matches(linux, List.of()));
  }

  @Test
  void duplicateLabelsCountOnce() {
    assertEquals(Optional.of(linux), matcher.match(List.of("linux", "Linux", "LINUX", "self-hosted")));
    LabelMatcher dupPool = new LabelMatcher(List.of(pool("d", "linux", "linux")));
    assertTrue(dupPool.match(List.of("linux")).isPresent());
  }

  @Test
  void noPoolsConfiguredMatchesNothing() {
    assertEquals(Optional.empty(), new LabelMatcher(List.of()).match(List.of("self-hosted")));
  }

  @Test
  void singlePoolCheck() {
    assertTrue(LabelMatcher.matches(arm, List.of("arm64")));
    assertFalse(LabelMatcher.matches(arm, List.of("x64")));
  }
}
