package dev.hangar.gateway.port;

import io.vertx.core.Future;
import java.util.List;

/** Creating just-in-time runners for enrolling instances (the agent API's registration). */
public interface RunnerRegistration {

  /** Creates a just-in-time runner and returns its encoded JIT config (a secret). */
  Future<JitConfig> generateJitConfig(
      String runnerName, List<String> labels, long runnerGroupId, String workFolder);

  /** Resolves a runner group by name. */
  Future<Long> runnerGroupId(String name);

  /** A just-in-time runner as created by GitHub. */
  record JitConfig(long runnerId, String runnerName, String encodedJitConfig) {
    @Override
    public String toString() {
      return "JitConfig[runnerId=" + runnerId + ", runnerName=" + runnerName + ", encoded=***]";
    }
  }
}
