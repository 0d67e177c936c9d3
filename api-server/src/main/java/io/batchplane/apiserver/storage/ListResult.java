package io.batchplane.apiserver.storage;

import java.util.List;

/**
 * One page of a list: the items as of snapshot {@code revision}, a token for the next page of the
 * same snapshot ({@code null} when this was the last page) and, for unfiltered lists, how many
 * items remain after this page (0 when unknown or none).
 */
public record ListResult(List<StoredObject> items, long revision, String continueToken, long remainingItemCount) {
}
