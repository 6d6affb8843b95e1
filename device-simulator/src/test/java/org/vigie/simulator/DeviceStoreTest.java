package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceStoreTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void reloadsThePrivateKeyAndTheEnrolment(KeyType type) throws Exception {
        JWK key = DeviceClient.generateKey(type);
        DeviceStore store = new DeviceStore(tmp.resolve("device"));
        assertFalse(store.exists());

        store.save(new Device("http://localhost:8080", "esante-wallet", "dev-1", "user-1", key));

        assertTrue(store.exists());
        Device loaded = new DeviceStore(tmp.resolve("device")).load();
        assertEquals(key, loaded.key());
        assertTrue(loaded.key().isPrivate());
        assertEquals(type, KeyType.of(loaded.key()));
        assertEquals("http://localhost:8080", loaded.server());
        assertEquals("esante-wallet", loaded.realm());
        assertEquals("dev-1", loaded.deviceId());
        assertEquals("user-1", loaded.userId());
        assertEquals("http://localhost:8080/realms/esante-wallet/vigie-device", loaded.baseUrl());

        // What matters in the end: the reloaded key signs what the enrolled public key verifies.
        String jwt = loaded.client().deviceJwt();
        assertEquals("dev-1", Jose.verified(jwt, key.toPublicJWK()).getHeader().getKeyID());
    }

    @Test
    void keepsTheKeyOwnerOnly() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        DeviceStore store = new DeviceStore(tmp.resolve(".vigie").resolve("device"));

        store.save(new Device("http://localhost:8080", "esante-wallet", "dev-1", "user-1", DeviceClient.generateKey(KeyType.P256)));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(".vigie"))));
    }

    @Test
    void reEnrolmentReplacesTheDeviceAndLeavesNoTemporaryFile() throws Exception {
        DeviceStore store = new DeviceStore(tmp);
        store.save(new Device("http://a", "r", "old", "user-1", DeviceClient.generateKey(KeyType.P256)));
        JWK newKey = DeviceClient.generateKey(KeyType.ED25519);

        store.save(new Device("http://a", "r", "new", "user-1", newKey));

        assertEquals("new", store.load().deviceId());
        assertEquals(newKey, store.load().key());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
    }

    @Test
    void deviceDescriptionLeavesThePrivateKeyOut() {
        JWK key = DeviceClient.generateKey(KeyType.P256);
        String description = new Device("http://a", "r", "dev-1", "user-1", key).toString();

        assertTrue(description.contains("dev-1"));
        assertFalse(description.contains(key.toECKey().getD().toString()));
    }
}
