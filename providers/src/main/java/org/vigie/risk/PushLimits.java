package org.vigie.risk;

/**
 * Push bombing limits: at most {@code perUser} pushes per practitioner and {@code perIp} per
 * browser IP in any {@code windowMinutes}, and {@code sinceSuccess} since the practitioner's
 * last successful login.
 */
public record PushLimits(int perUser, int perIp, int windowMinutes, int sinceSuccess) {

    public static final int DEFAULT_PER_USER = 3;
    /** Generous: a hospital's practitioners may all come through one NAT address in the morning. */
    public static final int DEFAULT_PER_IP = 50;
    public static final int DEFAULT_WINDOW_MINUTES = 15;
    public static final int DEFAULT_SINCE_SUCCESS = 5;

    public static PushLimits defaults() {
        return new PushLimits(DEFAULT_PER_USER, DEFAULT_PER_IP, DEFAULT_WINDOW_MINUTES, DEFAULT_SINCE_SUCCESS);
    }
}
