package org.vigie.push;

/**
 * A login to announce: whoever holds {@code nationalId} in the realm (if anyone) is looked up off
 * the request thread, so the login page does the same work for every identifier.
 */
public record PushRequest(String realmId, String nationalId, String challengeId, long expiresAt, PushSettings settings) {
}
