package org.vigie.device;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Makes {@value DeviceCredentialModel#TYPE} a credential type Keycloak knows and shows, and checks
 * the practitioner's PIN for a device as Keycloak's OTP provider checks a code: every guess is
 * counted before it is evaluated, exactly, on every node ({@link PinAttempts}).
 */
public class DeviceCredentialProvider implements CredentialProvider<DeviceCredentialModel>, CredentialInputValidator {

    /** Wrong PINs before the device is locked, when the caller has no setting of its own. */
    public static final int DEFAULT_MAX_PIN_ATTEMPTS = 5;

    public enum PinResult {
        /** Right PIN: the count is reset. */
        OK,
        /** Wrong PIN, counted; {@link PinCheck#remaining()} more before the lock. */
        WRONG,
        /** Wrong PIN, and it was the last one allowed: the device is now locked. */
        LOCKED_NOW,
        /** The device was already locked (or its limit reached): the PIN was not evaluated. */
        LOCKED,
        /** The device no longer exists (revoked). */
        REVOKED,
        /**
         * Not evaluated now: the count could not be taken (lock wait given up under load), or the
         * last allowed guesses are still being evaluated. Send it again in a moment.
         */
        BUSY
    }

    /** {@code migrated}: a device enrolled before PIN proofs now checks the proof it sent instead of its PIN. */
    public record PinCheck(PinResult result, int remaining, boolean migrated) {
        public boolean ok() {
            return result == PinResult.OK;
        }
    }

    /**
     * What a decision carries of the PIN: its proof ({@code pinProof}, devices enrolled with one),
     * or, for devices enrolled before PIN proofs, the PIN and optionally the proof to migrate to.
     */
    public record PinInput(String pin, String proof, String newVerifier) {
        public static PinInput proof(String proof) {
            return new PinInput(null, proof, null);
        }
    }

    public static DeviceCredentialProvider of(KeycloakSession session) {
        return (DeviceCredentialProvider) session.getProvider(CredentialProvider.class, DeviceCredentialProviderFactory.PROVIDER_ID);
    }

    private final KeycloakSession session;

    public DeviceCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return DeviceCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, DeviceCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential.writeData());
    }

    /** Checks the PIN for the device {@code deviceId} of {@code user}, at most {@code limit} wrong ones ever evaluated. */
    public PinCheck checkPin(RealmModel realm, UserModel user, String deviceId, PinInput pin, int limit) {
        return PinAttempts.check(session, realm, user, deviceId, pin, limit);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && user.credentialManager().getStoredCredentialsByTypeStream(getType()).findAny().isPresent();
    }

    /** The credential id names the device, the challenge response is the PIN proof. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return supportsCredentialType(input.getType()) && input.getCredentialId() != null
                && checkPin(realm, user, input.getCredentialId(), PinInput.proof(input.getChallengeResponse()), DEFAULT_MAX_PIN_ATTEMPTS).ok();
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public DeviceCredentialModel getCredentialFromModel(CredentialModel model) {
        return DeviceCredentialModel.from(model);
    }

    /**
     * What the Account Console shows of each device besides its name and enrolment date: its
     * last use, Paris time (Vigie's practitioners and risk policy are on it).
     */
    @Override
    public CredentialMetadata getCredentialMetadata(DeviceCredentialModel device, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(device);
        if (device.lastUsedAt() > 0) {
            String when = LAST_USE.format(Instant.ofEpochMilli(device.lastUsedAt()));
            metadata.setInfoProperties(List.of(new CredentialMetadata.LocalizedMessage("vigieDeviceLastUsed", new Object[] {when})));
        } else {
            metadata.setInfoMessage("vigieDeviceNeverUsed");
        }
        return metadata;
    }

    private static final DateTimeFormatter LAST_USE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/Paris"));

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("vigieDeviceDisplayName")
                .helpText("vigieDeviceHelpText")
                .iconCssClass("kcAuthenticatorMfaIconClass")
                .removeable(true)
                .build(session);
    }
}
