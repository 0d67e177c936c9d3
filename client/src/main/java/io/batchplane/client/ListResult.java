package io.batchplane.client;

import java.util.List;

/**
 * One page of a list: the items, the revision the snapshot was taken at (start a watch from it), and
 * the token for the next page (empty when this is the last one).
 */
public record ListResult<T>(List<T> items, long resourceVersion, String continueToken, long remainingItemCount) {

    public boolean hasMore() {
        return !continueToken.isEmpty();
    }
}
