package org.vigie.device;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Outstanding activation codes, stored hashed as credentials of type
 * {@value ActivationCodes#TYPE}: operators see them in the user's Credentials tab and can
 * delete one to withdraw it before use.
 */
public class ActivationCodeCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

    public ActivationCodeCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return ActivationCodes.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("vigieActivationCodeDisplayName")
                .helpText("vigieActivationCodeHelpText")
                .iconCssClass("kcAuthenticatorMfaIconClass")
                .removeable(true)
                .build(session);
    }
}
