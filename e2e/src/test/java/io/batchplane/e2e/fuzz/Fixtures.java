package io.batchplane.e2e.fuzz;

/** Minimal valid objects, one per served kind, that fuzzed item paths point at. */
final class Fixtures {

    private Fixtures() {
    }

    static String body(String resource, String name) {
        String container = "{\"name\":\"c\",\"image\":\"busybox\"}";
        String template = "{\"spec\":{\"restartPolicy\":\"Never\",\"containers\":[" + container + "]}}";
        return switch (resource) {
            case "namespaces", "nodes" -> "{\"metadata\":{\"name\":\"" + name + "\"}}";
            case "pods" -> "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[" + container + "]}}";
            case "events" -> "{\"metadata\":{\"name\":\"" + name + "\"},\"involvedObject\":{\"kind\":\"Pod\","
                    + "\"namespace\":\"" + FuzzRequests.NAMESPACE + "\",\"name\":\"fixture\"},\"reason\":\"Fuzz\","
                    + "\"message\":\"m\",\"type\":\"Normal\"}";
            case "leases" -> "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"holderIdentity\":\"h\"}}";
            case "jobs" -> "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"template\":" + template + "}}";
            case "cronjobs" -> "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"schedule\":\"0 3 * * *\","
                    + "\"jobTemplate\":{\"spec\":{\"template\":" + template + "}}}}";
            default -> throw new IllegalArgumentException(resource);
        };
    }
}
