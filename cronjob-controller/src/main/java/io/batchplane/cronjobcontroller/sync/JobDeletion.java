package io.batchplane.cronjobcontroller.sync;

/** A child Job to delete, named and pinned by uid (the delete carries a uid precondition). */
public record JobDeletion(String name, String uid) {
}
