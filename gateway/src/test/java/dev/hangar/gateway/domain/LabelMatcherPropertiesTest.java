package dev.hangar.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** LabelMatcher against the definition, on random pools and label lists in random case. */
class LabelMatcherPropertiesTest {

  @Provide
  Arbitrary<List<String>> labels() {
    return Arbitraries.of("self-hosted", "linux", "x64", "arm64", "gpu", "large")
        .flatMap(l -> Arbitraries.of(l, l.toUpperCase(Locale.ROOT), Character.toUpperCase(l.charAt(0)) + l.substring(1)))
        .list()
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Pool>> pools() {
    return labels().list().ofMaxSize(5).map(ls -> IntStream.range(0, ls.size())
        .mapToObj(i -> new Pool("p" + i, ls.get(i), 5, 0, List.of(new Tier("asg" + i, TierKind.WARM))))
        .toList());
  }

  static boolean subset(List<String> job, List<String> pool) {
    return job.stream().allMatch(j -> pool.stream().anyMatch(p -> p.equalsIgnoreCase(j)));
  }

  @Property(tries = 1000)
  void theMatchIsTheFirstPoolHoldingEveryJobLabel(
      @ForAll("pools") List<Pool> pools, @ForAll("labels") List<String> job) {
    Optional<Pool> expected =
        job.isEmpty() ? Optional.empty() : pools.stream().filter(p -> subset(job, p.labels())).findFirst();
    LabelMatcher matcher = new LabelMatcher(pools);
    assertEquals(expected, matcher.match(job));
    List<Pool> all = matcher.matchingPools(job);
    assertEquals(expected, all.stream().findFirst());
    assertTrue(all.stream().allMatch(p -> LabelMatcher.matches(p, job)));
    assertEquals(
        job.isEmpty() ? 0 : pools.stream().filter(p -> subset(job, p.labels())).count(), all.size());
  }
}
