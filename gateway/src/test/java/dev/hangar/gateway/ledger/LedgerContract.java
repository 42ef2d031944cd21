package dev.hangar.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangar.gateway.domain.Job;
import dev.hangar.gateway.domain.JobEvent;
import dev.hangar.gateway.domain.JobStatus;
import dev.hangar.gateway.port.Ledger;
import dev.hangar.gateway.port.Ledger.RegistrationClaim;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link Ledger} adapter must show; each adapter's test extends this. */
public abstract class LedgerContract {
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  /** The ledger under test (a fresh view; data may be shared across tests). */
  protected abstract Ledger ledger();

  static long newJobId() {
    return IDS.incrementAndGet();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  static JobEvent event(long jobId, JobStatus status) {
    boolean started = status.ordinal() >= JobStatus.IN_PROGRESS.ordinal();
    return new JobEvent(
        jobId, 77, 1, status, List.of("self-hosted", "linux"), "octo-org/app", "octo-org",
        "ci", "build", started ? "i-0123" : null,
        status == JobStatus.COMPLETED ? "success" : null,
        T0, started ? T0.plusSeconds(30) : null,
        status == JobStatus.COMPLETED ? T0.plusSeconds(90) : null);
  }

  String pool() {
    return "pool-" + getClass().getSimpleName() + "-" + newJobId();
  }

  @Test
  void firstEventCreatesTheJob() {
    long id = newJobId();
    Job job = await(ledger().apply("linux", event(id, JobStatus.QUEUED)));
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals("linux", job.pool());
    assertEquals(List.of("self-hosted", "linux"), job.labels());
    assertEquals(T0, job.createdAt());
    assertNull(job.runnerName());
    assertEquals(job, await(ledger().job(id)));
  }

  @Test
  void stateMovesOnlyForward() {
    long id = newJobId();
    await(ledger().apply("linux", event(id, JobStatus.IN_PROGRESS)));
    Job late = await(ledger().apply("linux", event(id, JobStatus.QUEUED)));
    assertEquals(JobStatus.IN_PROGRESS, late.status());
    assertEquals("i-0123", late.runnerName());
    Job done = await(ledger().apply("linux", event(id, JobStatus.COMPLETED)));
    assertEquals(JobStatus.COMPLETED, done.status());
    assertEquals("success", done.conclusion());
    assertEquals(JobStatus.COMPLETED, await(ledger().apply("linux", event(id, JobStatus.WAITING))).status());
  }

  @Test
  void theSameEventTwiceIsStoredOnce() {
    long id = newJobId();
    Job once = await(ledger().apply("linux", event(id, JobStatus.QUEUED)));
    Job twice = await(ledger().apply("linux", event(id, JobStatus.QUEUED)));
    assertEquals(once, twice);
  }

  @Test
  void openJobsListsWaitingQueuedAndRunningJobsOfThePoolOnly() {
    String pool = pool();
    long queued = newJobId();
    long running = newJobId();
    long done = newJobId();
    long other = newJobId();
    await(ledger().apply(pool, event(queued, JobStatus.QUEUED)));
    await(ledger().apply(pool, event(running, JobStatus.IN_PROGRESS)));
    await(ledger().apply(pool, event(done, JobStatus.QUEUED)));
    await(ledger().apply(pool, event(done, JobStatus.COMPLETED)));
    await(ledger().apply(pool + "-other", event(other, JobStatus.QUEUED)));
    List<Long> open = await(ledger().openJobs(pool)).stream().map(Job::jobId).sorted().toList();
    assertEquals(List.of(queued, running), open);
    assertEquals(List.of(), await(ledger().openJobs(pool + "-empty")));
  }

  @Test
  void unknownJobIsNoSuchElement() {
    long id = newJobId();
    assertInstanceOf(NoSuchElementException.class, failure(ledger().job(id)));
    assertInstanceOf(NoSuchElementException.class, failure(ledger().markInterrupted(id)));
    assertInstanceOf(NoSuchElementException.class, failure(ledger().claimRetry(id, 1)));
  }

  @Test
  void oneRegistrationPerInstanceLaunch() {
    String instance = "i-" + newJobId();
    assertTrue(await(ledger().claimRegistration(instance, "launch-1")));
    assertFalse(await(ledger().claimRegistration(instance, "launch-1")));
    assertTrue(await(ledger().claimRegistration(instance, "launch-2")));
  }

  @Test
  void registrationsOfALaunchAreClaimedOnceEachAndInOrder() {
    String instance = "i-" + newJobId();
    assertEquals(RegistrationClaim.OUT_OF_ORDER, await(ledger().claimRegistration(instance, "launch", 2)),
        "no job number may be skipped");
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 1)));
    assertFalse(await(ledger().claimRegistration(instance, "launch")), "the first, claimed the old way");
    assertEquals(RegistrationClaim.OUT_OF_ORDER, await(ledger().claimRegistration(instance, "launch", 3)));
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 2)));
    assertEquals(RegistrationClaim.TAKEN, await(ledger().claimRegistration(instance, "launch", 2)));
    assertEquals(RegistrationClaim.TAKEN, await(ledger().claimRegistration(instance, "launch", 1)));
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 3)));
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "other-launch", 1)));
  }

  @Test
  void aReleasedRegistrationCanBeClaimedAgainButNotAnEarlierOne() {
    String instance = "i-" + newJobId();
    assertTrue(await(ledger().claimRegistration(instance, "launch")));
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 2)));
    await(ledger().releaseRegistration(instance, "launch", 2));
    assertEquals(RegistrationClaim.TAKEN, await(ledger().claimRegistration(instance, "launch", 1)));
    assertEquals(RegistrationClaim.OUT_OF_ORDER, await(ledger().claimRegistration(instance, "launch", 3)));
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 2)));
    // A stale release (registration 3 claimed meanwhile) gives nothing back.
    assertEquals(RegistrationClaim.CLAIMED, await(ledger().claimRegistration(instance, "launch", 3)));
    await(ledger().releaseRegistration(instance, "launch", 2));
    assertEquals(RegistrationClaim.TAKEN, await(ledger().claimRegistration(instance, "launch", 3)));
    String fresh = "i-" + newJobId();
    assertTrue(await(ledger().claimRegistration(fresh, "launch")));
    await(ledger().releaseRegistration(fresh, "launch", 1));
    assertTrue(await(ledger().claimRegistration(fresh, "launch")), "the first one given back");
  }

  @Test
  void interruptionsAreCountedAndSurviveLaterEvents() {
    long id = newJobId();
    await(ledger().apply("linux", event(id, JobStatus.IN_PROGRESS)));
    assertEquals(1, await(ledger().markInterrupted(id)).interruptions());
    assertEquals(2, await(ledger().markInterrupted(id)).interruptions());
    Job after = await(ledger().apply("linux", event(id, JobStatus.COMPLETED)));
    assertEquals(2, after.interruptions());
    assertEquals(JobStatus.COMPLETED, after.status());
  }

  @Test
  void eachRetryNumberIsClaimedOnce() {
    long id = newJobId();
    await(ledger().apply("linux", event(id, JobStatus.IN_PROGRESS)));
    assertTrue(await(ledger().claimRetry(id, 1)));
    assertFalse(await(ledger().claimRetry(id, 1)));
    assertTrue(await(ledger().claimRetry(id, 2)));
    assertFalse(await(ledger().claimRetry(id, 1)));
    assertEquals(2, await(ledger().job(id)).retries());
    assertEquals(2, await(ledger().apply("linux", event(id, JobStatus.COMPLETED))).retries());
  }

  @Test
  void pingSucceedsWhenReachable() {
    await(ledger().ping().map(v -> Duration.ZERO));
  }
}
