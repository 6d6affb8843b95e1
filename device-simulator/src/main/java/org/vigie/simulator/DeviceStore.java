package org.vigie.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The app's private storage: a folder holding {@code device.json} with the private JWK and the enrolment. Only the
 * owner may read it where the file system has POSIX permissions.
 */
public final class DeviceStore {

    public static final Path DEFAULT_DIR = Path.of(".vigie", "device");
    public static final String FILE_NAME = "device.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public DeviceStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    public boolean exists() {
        return Files.isRegularFile(file());
    }

    /** Replaces the stored device, atomically so a crash never leaves half a key behind. */
    public void save(Device device) {
        ObjectNode json = JSON.createObjectNode();
        json.put("server", device.server());
        json.put("realm", device.realm());
        json.put("deviceId", device.deviceId());
        json.put("userId", device.userId());
        json.set("key", JSON.valueToTree(device.key().toJSONObject()));
        if (device.pinKey() != null) {
            json.put("pinKey", PinProof.encodeKey(device.pinKey()));
        }
        try {
            writeAtomically(file(), JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(), e);
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir, posix ? ownerOnly("rwx------") : new FileAttribute<?>[0]);
        // Created owner-only, so the key is never readable by others, not even for a moment.
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp", posix ? ownerOnly("rw-------") : new FileAttribute<?>[0]);
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Where a new key waits while the server is asked to take it (key rotation). */
    public Path pendingKeyFile() {
        return dir.resolve("pending-key.json");
    }

    /** Keeps {@code key} beside the device, owner-only, before the server is asked to take it. */
    public void savePendingKey(JWK key) {
        try {
            writeAtomically(pendingKeyFile(), JSON.writeValueAsBytes(JSON.readTree(key.toJSONString())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pendingKeyFile(), e);
        }
    }

    public void dropPendingKey() {
        try {
            Files.deleteIfExists(pendingKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pendingKeyFile(), e);
        }
    }

    public Device load() {
        try {
            JsonNode json = JSON.readTree(file().toFile());
            JWK key = JWK.parse(JSON.writeValueAsString(json.path("key")));
            String pinKey = json.path("pinKey").textValue();
            return new Device(json.path("server").textValue(), json.path("realm").textValue(),
                    json.path("deviceId").textValue(), json.path("userId").textValue(), key,
                    pinKey == null ? null : PinProof.decodeKey(pinKey));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file(), e);
        } catch (ParseException e) {
            throw new UncheckedIOException("Cannot read " + file(), new IOException("No valid key: " + e.getMessage(), e));
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
