package ai.instill.flink.server;

/**
 * Where a model stands in its simulated cold start; the Watch RPCs report it as OFFLINE, STARTING
 * or ACTIVE.
 */
enum WarmthState {
    /** A cold start is configured and no call has arrived yet. */
    OFFLINE,
    /** The first call arrived and the cold start delay is running. */
    STARTING,
    /** Ready to serve. */
    ACTIVE
}
