package dev.hangar.agent.gateway;

import java.net.URI;

/** Where to fetch a runner tarball and the SHA-256 (hex) it must have; empty when the gateway gave none. */
public record RunnerDownload(URI url, String sha256) {}
