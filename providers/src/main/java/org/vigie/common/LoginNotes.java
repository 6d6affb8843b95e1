package org.vigie.common;

/**
 * User-session notes and shared names several features read: written by the step that proves the
 * practitioner (device approval), read by the token mappers (claims), so they live here rather than
 * in either.
 */
public final class LoginNotes {

    /** User session note: the level reached ({@link #ACR_EIDAS1}), set only by a device approval. */
    public static final String ACR = "vigie.acr";
    /** User session note: what was checked, space separated (pin swk mfa). */
    public static final String AMR = "vigie.amr";
    public static final String ACR_EIDAS1 = "eidas1";
    /** The required action that shows an activation code (device enrolment), linked from the identifier page. */
    public static final String ENROL_DEVICE_ACTION = "vigie-enrol-device";

    private LoginNotes() {
    }
}
