/**
 * OpenID Connect CIBA (poll mode) with the practitioner's enrolled device as Keycloak's
 * authentication channel: a service starts a login by national identifier, the practitioner
 * approves it on the phone like a browser login, and Keycloak's own CIBA grant issues the tokens.
 *
 * <p>Uses challenge (the challenge and its decisions), risk, identifier and common; nothing there
 * uses this package (it hears of decisions through {@link org.vigie.challenge.ChallengeDecided}).
 */
package org.vigie.ciba;
