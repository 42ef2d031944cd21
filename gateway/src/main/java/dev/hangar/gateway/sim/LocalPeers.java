package dev.hangar.gateway.sim;

import dev.hangar.gateway.port.Fleet;
import dev.hangar.gateway.port.GitHub;
import dev.hangar.gateway.scaling.SpotInterruptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the local demo puts in place of AWS and GitHub when it starts the real gateway: the
 * simulated fleet and GitHub, the virtual clock, the spot notices the simulated agents report,
 * and extra routes (the live page).
 */
public record LocalPeers(
    Fleet fleet,
    GitHub github,
    Clock clock,
    SpotInterruptions spotInterruptions,
    Consumer<Router> routes) {}
