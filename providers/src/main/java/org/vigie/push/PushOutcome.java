package org.vigie.push;

/**
 * What a push service answered. {@link Result#GONE}: the endpoint or token no longer exists (Web
 * Push 404/410, FCM UNREGISTERED) and is cleared; {@link Result#RETRY}: worth trying again later
 * (network failure, 429, 5xx); {@link Result#FAILED}: refused for good (bad request, credentials).
 */
public record PushOutcome(Result result, int status, String detail) {

    public enum Result { DELIVERED, GONE, RETRY, FAILED }

    public static PushOutcome delivered(int status) {
        return new PushOutcome(Result.DELIVERED, status, "");
    }

    public static PushOutcome gone(int status, String detail) {
        return new PushOutcome(Result.GONE, status, detail);
    }

    public static PushOutcome retry(int status, String detail) {
        return new PushOutcome(Result.RETRY, status, detail);
    }

    public static PushOutcome failed(int status, String detail) {
        return new PushOutcome(Result.FAILED, status, detail);
    }

    /** Web Push (RFC 8030) and FCM share the meaning of these HTTP statuses. */
    public static PushOutcome ofHttpStatus(int status, String detail) {
        if (status >= 200 && status < 300) {
            return delivered(status);
        }
        if (status == 404 || status == 410) {
            return gone(status, detail);
        }
        if (status == 429 || status >= 500 || status == 408) {
            return retry(status, detail);
        }
        return failed(status, detail);
    }
}
