package io.batchplane.client.leaderelection;

/**
 * What a {@link LeaderElector} tells its owner. Calls come from the elector's timer or gRPC threads
 * and must not block: start or stop the real work elsewhere.
 */
public interface LeaderCallbacks {

    /** This candidate became the leader. */
    void onStartedLeading();

    /**
     * This candidate is no longer the leader: it failed to renew within the renew deadline, or it
     * was stopped. Called at most once, and only after {@link #onStartedLeading()}. A component that
     * lost leadership should stop acting at once (upstream components exit).
     */
    void onStoppedLeading();

    /** The Lease names a different holder than last observed (possibly this candidate; empty: none). */
    default void onNewLeader(String identity) {
    }
}
