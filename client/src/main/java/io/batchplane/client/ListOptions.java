package io.batchplane.client;

/**
 * What a list or watch selects, as in Kubernetes' {@code ListOptions}: namespace (empty: all),
 * label and field selectors, paging ({@code limit}, {@code continueToken}) for lists, and for watches
 * the revision to start after plus whether bookmarks are wanted. A list always reads the latest
 * snapshot (or the one its continue token names); {@code resourceVersion} and
 * {@code allowBookmarks} apply to watches only.
 */
public record ListOptions(String namespace, String labelSelector, String fieldSelector, long limit,
        String continueToken, long resourceVersion, boolean allowBookmarks) {

    public ListOptions {
        namespace = namespace == null ? "" : namespace;
        labelSelector = labelSelector == null ? "" : labelSelector;
        fieldSelector = fieldSelector == null ? "" : fieldSelector;
        continueToken = continueToken == null ? "" : continueToken;
    }

    /** Everything, in all namespaces. */
    public static ListOptions all() {
        return new ListOptions("", "", "", 0, "", 0, false);
    }

    public static ListOptions inNamespace(String namespace) {
        return all().withNamespace(namespace);
    }

    public ListOptions withNamespace(String ns) {
        return new ListOptions(ns, labelSelector, fieldSelector, limit, continueToken, resourceVersion, allowBookmarks);
    }

    public ListOptions withLabelSelector(String s) {
        return new ListOptions(namespace, s, fieldSelector, limit, continueToken, resourceVersion, allowBookmarks);
    }

    public ListOptions withFieldSelector(String s) {
        return new ListOptions(namespace, labelSelector, s, limit, continueToken, resourceVersion, allowBookmarks);
    }

    public ListOptions withLimit(long n) {
        return new ListOptions(namespace, labelSelector, fieldSelector, n, continueToken, resourceVersion, allowBookmarks);
    }

    public ListOptions withContinue(String token) {
        return new ListOptions(namespace, labelSelector, fieldSelector, limit, token, resourceVersion, allowBookmarks);
    }

    public ListOptions withResourceVersion(long rv) {
        return new ListOptions(namespace, labelSelector, fieldSelector, limit, continueToken, rv, allowBookmarks);
    }

    public ListOptions withAllowBookmarks(boolean b) {
        return new ListOptions(namespace, labelSelector, fieldSelector, limit, continueToken, resourceVersion, b);
    }
}
