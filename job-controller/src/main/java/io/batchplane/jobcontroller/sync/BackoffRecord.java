package io.batchplane.jobcontroller.sync;

import java.time.Instant;

/**
 * What the controller remembers between syncs about a Job's recent failures, for the pod re-creation delay:
 * failures since the last success and when the latest of them happened. It lives in memory only (a restarted
 * controller starts without delay, as upstream's does), handed to and returned from the decision function.
 *
 * @param failuresAfterLastSuccess failed pods finished after the newest succeeded one
 * @param lastFailureTime          finish time of the newest of those failures; null when there are none
 */
public record BackoffRecord(int failuresAfterLastSuccess, Instant lastFailureTime) {
    public static final BackoffRecord NONE = new BackoffRecord(0, null);
}
