package io.batchplane.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Optional;

/**
 * What the node lifecycle controller should change on one node: the conditions to write to its
 * status (empty: leave the status alone) and the full taint list to write to its spec (empty: leave
 * the taints alone).
 */
public record NodeHealthDecision(Optional<List<NodeCondition>> conditions, Optional<List<Taint>> taints) {

    public static final NodeHealthDecision NONE = new NodeHealthDecision(Optional.empty(), Optional.empty());

    public boolean isNone() {
        return conditions.isEmpty() && taints.isEmpty();
    }
}
