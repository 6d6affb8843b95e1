package org.vigie.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartOptionsTest {

    @Test
    void aSingleNodeServerIsStartedAsVigieStartStartsIt() {
        List<String> options = StartOptions.of("server", "single-node", "import-realm")
                .with("host", "127.0.0.1").with("http-port", 8080).with("management-port", 9000).with("data", "/tmp/d $x")
                .toList();
        assertEquals(List.of("--health-enabled=true", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=8080",
                "--http-management-port=9000", "--db=dev-file",
                "--db-url=jdbc:h2:file:/tmp/d $x/h2/keycloakdb;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=0",
                "--hostname-strict=false", "--import-realm"), options);
    }

    @Test
    void aPlaceholderWithoutValueIsAnErrorNotAnEmptyOption() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartOptions.of("server").with("host", "h").toList());
        assertTrue(e.getMessage().contains("${http-port}"), e.getMessage());
    }

    @Test
    void anUnknownSectionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StartOptions.of("no-such-section"));
    }

    @Test
    void theFileParsesIntoSectionsIgnoringComments() {
        Map<String, List<String>> sections = StartOptions.parse("# c\n[a]\n--x=1\n\n  # d\n--y\n[b]\n--z\n");
        assertEquals(Map.of("a", List.of("--x=1", "--y"), "b", List.of("--z")), sections);
        assertThrows(IllegalStateException.class, () -> StartOptions.parse("--outside\n[a]\n"));
    }

    @Test
    void clusterNodesShareTheHostnameAndOnlyTheFirstImportsTheRealm() {
        List<String> first = StartOptions.of("cluster-node", "import-realm").with("db-url", "jdbc:postgresql://h/db").with("db-username", "u")
                .with("hostname", "http://127.0.0.1:1").with("cache-port", 7).with("node-name", "a").toList();
        assertTrue(first.contains("--hostname=http://127.0.0.1:1"), first.toString());
        assertTrue(first.contains("--import-realm"), first.toString());
        assertTrue(first.contains("--optimized"), first.toString());
    }
}
