package org.vigie.challenge;

/** How a challenge ended. Exactly one is recorded per challenge. */
public enum Decision {
    APPROVED, DENIED, FRAUD_REPORTED, CANCELLED, WRONG_CODE, DEVICE_LOCKED, USER_LOCKED, OFF_HOURS;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Decision of(String value) {
        return value == null ? null : Decision.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
