package org.vigie.risk;

/**
 * Push bombing limits. They throttle notifications, never logins: past a limit the login still
 * waits and the practitioner approves it from the app's list. A practitioner's allowance is
 * counted per browser address, so that strangers typing a public RPPS elsewhere cannot use up the
 * pushes of the practitioner's own logins:
 * <ul>
 *   <li>{@code perUser}: per identifier and browser address in any {@code windowMinutes};</li>
 *   <li>{@code perUserAllAddresses}: per identifier, all addresses together, in the window (bombing
 *       from many addresses);</li>
 *   <li>{@code perIp}: per browser address, all identifiers together, in the window;</li>
 *   <li>{@code sinceSuccess}: per identifier and browser address since the practitioner's last
 *       successful login (NIST SP 800-63B-4).</li>
 * </ul>
 */
public record PushLimits(int perUser, int perUserAllAddresses, int perIp, int windowMinutes, int sinceSuccess) {

    public static final int DEFAULT_PER_USER = 3;
    public static final int DEFAULT_PER_USER_ALL_ADDRESSES = 10;
    /** Generous: a hospital's practitioners may all come through one NAT address in the morning. */
    public static final int DEFAULT_PER_IP = 50;
    public static final int DEFAULT_WINDOW_MINUTES = 15;
    public static final int DEFAULT_SINCE_SUCCESS = 5;

    public static PushLimits defaults() {
        return new PushLimits(DEFAULT_PER_USER, DEFAULT_PER_USER_ALL_ADDRESSES, DEFAULT_PER_IP, DEFAULT_WINDOW_MINUTES,
                DEFAULT_SINCE_SUCCESS);
    }
}
