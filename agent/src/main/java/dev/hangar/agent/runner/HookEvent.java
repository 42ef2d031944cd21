package dev.hangar.agent.runner;

/** What a runner job hook told the agent: which hook fired and the job it fired for. */
public record HookEvent(String hook, String repository, String workflow, String jobName, String runId) {
  public boolean started() {
    return "job-started".equals(hook);
  }
}
