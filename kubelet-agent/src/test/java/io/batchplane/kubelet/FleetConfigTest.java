package io.batchplane.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {

    @Test
    void nodeTokensComeFromNodeUsersOfTheTokenFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokens.csv");
        Files.writeString(f, "admintok,admin,admin-uid,\"system:masters\"\n"
                + "t0,system:node:sim-0,u0,\"system:nodes\"\n"
                + "t1, system:node:sim-1 ,u1\n");
        assertEquals(Map.of("sim-0", "t0", "sim-1", "t1"), KubeletService.nodeTokens(f));
    }

    @Test
    void labelsParse() {
        assertEquals(Map.of("a", "1", "b", "x=y"), KubeletService.parseLabels(" a=1, b=x=y ,"));
        assertThrows(IllegalArgumentException.class, () -> KubeletService.parseLabels("novalue"));
    }
}
