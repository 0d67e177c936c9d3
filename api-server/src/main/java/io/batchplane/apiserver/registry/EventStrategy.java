package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * The core/v1 Event registry rules: no status, no spec. An event must name the object it is about,
 * and that object's namespace must agree with the event's, as upstream's legacy event validation
 * requires (an event about a cluster-scoped object lives in {@code default} or has no namespace).
 */
public final class EventStrategy implements ResourceStrategy<Event> {

    @Override
    public ResourceType type() {
        return ResourceType.EVENTS;
    }

    @Override
    public Class<Event> modelClass() {
        return Event.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return false;
    }

    @Override
    public void prepareForCreate(Event event) {
        // Events have no defaults and no status.
    }

    @Override
    public List<StatusCause> validate(Event event) {
        List<StatusCause> errs = new ArrayList<>();
        ObjectReference involved = event.getInvolvedObject();
        if (involved == null) {
            errs.add(FieldErrors.required("involvedObject", ""));
            return errs;
        }
        String ns = event.getMetadata().getNamespace() == null ? "" : event.getMetadata().getNamespace();
        String involvedNs = involved.getNamespace() == null ? "" : involved.getNamespace();
        boolean mismatch = involvedNs.isEmpty() ? !ns.isEmpty() && !"default".equals(ns) : !involvedNs.equals(ns);
        if (mismatch) {
            errs.add(FieldErrors.invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Event newObj, Event oldObj) {
        // Events are written whole (count and lastTimestamp change on repeats).
    }

    @Override
    public List<StatusCause> validateUpdate(Event newObj, Event oldObj) {
        return validate(newObj);
    }

    @Override
    public void prepareForStatusUpdate(Event newObj, Event oldObj) {
        throw new UnsupportedOperationException("events have no status subresource");
    }

    @Override
    public List<StatusCause> validateStatusUpdate(Event newObj, Event oldObj) {
        throw new UnsupportedOperationException("events have no status subresource");
    }

    /** Events have no spec. */
    @Override
    public boolean specChanged(Event newObj, Event oldObj) {
        return false;
    }
}
