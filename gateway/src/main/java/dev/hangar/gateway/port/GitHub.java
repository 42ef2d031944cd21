package dev.hangar.gateway.port;

/**
 * Everything Hangar asks GitHub, as the configured GitHub App installation (scope: organization,
 * or {@code owner/repo} for repository runners). Only the composition root holds the whole; each
 * user takes the one narrow port it needs.
 */
public interface GitHub
    extends Runners, RunnerRegistration, WorkflowJobs, WebhookDeliveries, RunnerReleases {}
