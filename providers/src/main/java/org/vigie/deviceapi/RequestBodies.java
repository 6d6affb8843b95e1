package org.vigie.deviceapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading what a device sends: a bounded body, each refusal a clear 4xx. */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private RequestBodies() {
    }

    static String read(InputStream body) throws DeviceApiException {
        if (body == null) {
            throw DeviceApiException.invalidRequest("a body is required");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new DeviceApiException(413, "request_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DeviceApiException.invalidRequest("the body could not be read");
        }
    }
}
