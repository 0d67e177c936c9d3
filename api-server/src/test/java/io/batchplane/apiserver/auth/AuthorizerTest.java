package io.batchplane.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizerTest {

    private static final UserInfo ADMIN = new UserInfo("admin", "0", Set.of("system:masters"));
    private static final UserInfo JOB = new UserInfo("system:job-controller", "1", Set.of());
    private static final UserInfo CRON = new UserInfo("system:cronjob-controller", "2", Set.of());
    private static final UserInfo TTL = new UserInfo("system:ttl-controller", "3", Set.of());
    private static final UserInfo SCHED = new UserInfo("system:kube-scheduler", "4", Set.of());
    private static final UserInfo NODE = new UserInfo("system:node:n1", "5", Set.of("system:nodes"));
    private static final UserInfo BOB = new UserInfo("bob", "6", Set.of("system:authenticated"));

    private final Authorizer authorizer = new Authorizer();

    /** One case: user, verbs, resource path ("pods/status"), namespace, expected decision. */
    private static final List<Arguments> CASES = new ArrayList<>();

    private static void allow(UserInfo user, String verbs, String path, String ns) {
        add(user, verbs, path, ns, true);
    }

    private static void deny(UserInfo user, String verbs, String path, String ns) {
        add(user, verbs, path, ns, false);
    }

    private static void add(UserInfo user, String verbs, String path, String ns, boolean allowed) {
        String[] parts = path.split("/", 2);
        for (String verb : verbs.split(" ")) {
            String name = user.name() + (allowed ? " may " : " may not ") + verb + " " + path + (ns.isEmpty() ? "" : " in " + ns);
            CASES.add(Arguments.of(name, user, new RequestAttributes(verb, parts[0], parts.length > 1 ? parts[1] : "", ns, ""), allowed));
        }
    }

    static {
        // system:masters: everything
        allow(ADMIN, "get list watch create update patch delete deletecollection", "jobs", "default");
        allow(ADMIN, "get create delete", "nodes", "");
        allow(ADMIN, "update patch", "pods/status", "team-a");
        allow(ADMIN, "get", "pods/log", "default");
        allow(ADMIN, "create", "leases", "kube-system");
        // job controller
        allow(JOB, "get list watch update patch", "jobs", "default");
        deny(JOB, "create delete deletecollection", "jobs", "default");
        allow(JOB, "update patch", "jobs/status", "default");
        deny(JOB, "get", "jobs/status", "default");
        allow(JOB, "get list watch create delete patch update", "pods", "default");
        deny(JOB, "deletecollection", "pods", "default");
        deny(JOB, "update", "pods/status", "default");
        allow(JOB, "create patch update", "events", "default");
        deny(JOB, "delete", "events", "default");
        deny(JOB, "get list", "cronjobs", "default");
        deny(JOB, "get list", "nodes", "");
        // cronjob controller
        allow(CRON, "get list watch update patch", "cronjobs", "default");
        deny(CRON, "create delete", "cronjobs", "default");
        allow(CRON, "update patch", "cronjobs/status", "default");
        allow(CRON, "get list watch create update patch delete", "jobs", "default");
        deny(CRON, "update", "jobs/status", "default");
        allow(CRON, "get list delete", "pods", "default");
        deny(CRON, "create watch update", "pods", "default");
        allow(CRON, "create", "events", "default");
        // ttl controller
        allow(TTL, "get list watch delete", "jobs", "default");
        deny(TTL, "create update patch", "jobs", "default");
        allow(TTL, "get list watch", "pods", "default");
        deny(TTL, "delete create", "pods", "default");
        allow(TTL, "create", "events", "default");
        deny(TTL, "get", "cronjobs", "default");
        // scheduler
        allow(SCHED, "get list watch delete", "pods", "default");
        deny(SCHED, "create update patch", "pods", "default");
        allow(SCHED, "create", "pods/binding", "default");
        allow(SCHED, "update patch", "pods/status", "default");
        allow(SCHED, "get list watch update patch", "nodes", "");
        deny(SCHED, "create delete", "nodes", "");
        allow(SCHED, "update patch", "nodes/status", "");
        allow(SCHED, "get list watch", "leases", "kube-node-lease");
        deny(SCHED, "create update delete", "leases", "kube-node-lease");
        allow(SCHED, "create", "events", "default");
        deny(SCHED, "get list", "jobs", "default");
        // leader election, shared by every controller
        for (UserInfo controller : List.of(JOB, CRON, TTL, SCHED)) {
            allow(controller, "get create update", "leases", "kube-system");
            deny(controller, "delete", "leases", "kube-system");
            deny(controller, "create update", "leases", "default");
            deny(controller, "get list", "namespaces", "");
        }
        // nodes
        allow(NODE, "get list watch create update patch", "nodes", "");
        deny(NODE, "delete", "nodes", "");
        allow(NODE, "get update patch", "nodes/status", "");
        allow(NODE, "get create update delete", "leases", "kube-node-lease");
        deny(NODE, "create update", "leases", "kube-system");
        allow(NODE, "get list watch delete", "pods", "default");
        deny(NODE, "create update patch", "pods", "default");
        allow(NODE, "update patch", "pods/status", "default");
        allow(NODE, "create patch", "events", "default");
        allow(NODE, "get", "namespaces", "");
        deny(NODE, "list create", "namespaces", "");
        deny(NODE, "get list", "jobs", "default");
        deny(NODE, "create", "pods/binding", "default");
        // everyone else
        deny(BOB, "get list", "pods", "default");
        deny(BOB, "get", "namespaces", "");
        deny(BOB, "create", "jobs", "default");
    }

    static Stream<Arguments> roleTable() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleTable")
    void appliesRoleTable(String name, UserInfo user, RequestAttributes attrs, boolean allowed) {
        if (allowed) {
            assertDoesNotThrow(() -> authorizer.authorize(user, attrs));
        } else {
            ApiException e = assertThrows(ApiException.class, () -> authorizer.authorize(user, attrs));
            assertEquals(StatusReason.FORBIDDEN, e.reason());
            assertEquals(403, e.status().getCode());
        }
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("named namespaced object", BOB, new RequestAttributes("get", "pods", "", "default", "web-1"),
                        "pods \"web-1\" is forbidden: User \"bob\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\""),
                Arguments.of("list in a group", BOB, new RequestAttributes("list", "jobs", "", "default", ""),
                        "jobs.batch is forbidden: User \"bob\" cannot list resource \"jobs\" in API group \"batch\" in the namespace \"default\""),
                Arguments.of("cluster scope", JOB, new RequestAttributes("list", "nodes", "", "", ""),
                        "nodes is forbidden: User \"system:job-controller\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"),
                Arguments.of("subresource", TTL, new RequestAttributes("update", "jobs", "status", "ns1", "pi"),
                        "jobs.batch \"pi\" is forbidden: User \"system:ttl-controller\" cannot update resource \"jobs/status\" in API group \"batch\" in the namespace \"ns1\""),
                Arguments.of("lease group", NODE, new RequestAttributes("create", "leases", "", "kube-system", ""),
                        "leases.coordination.k8s.io is forbidden: User \"system:node:n1\" cannot create resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"kube-system\""),
                Arguments.of("no user", null, new RequestAttributes("get", "pods", "", "default", "p"),
                        "pods \"p\" is forbidden: User \"\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void wordsForbiddenLikeKubeApiserver(String name, UserInfo user, RequestAttributes attrs, String message) {
        ApiException e = assertThrows(ApiException.class, () -> authorizer.authorize(user, attrs));
        assertEquals(message, e.getMessage());
        assertEquals("Forbidden", e.status().getReason());
    }

    @Test
    void detailsNameTheObject() {
        ApiException e = assertThrows(ApiException.class,
                () -> authorizer.authorize(BOB, new RequestAttributes("delete", "jobs", "", "default", "pi")));
        assertEquals("pi", e.status().getDetails().getName());
        assertEquals("batch", e.status().getDetails().getGroup());
        assertEquals("jobs", e.status().getDetails().getKind());
    }

    @Test
    void nodeRoleNeedsTheGroupNotJustTheName() {
        UserInfo impostor = new UserInfo("system:node:n1", "7", Set.of());
        assertThrows(ApiException.class,
                () -> authorizer.authorize(impostor, new RequestAttributes("get", "nodes", "", "", "n1")));
    }
}
