package org.vigie.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.vigie.common.LoginNotes;

/**
 * {@code acr} and {@code amr} as ProSantéConnect relying parties check them: {@code acr=eidas1}
 * only when the session was opened by an approval on the practitioner's device (PIN + code),
 * {@code amr} naming what was checked. Sessions opened any other way get no {@code acr} claim,
 * so a relying party that requires eidas1 refuses them. A CIBA login approved on the device gets
 * the same claims (Keycloak's CIBA grant keeps them on the client session, where only Vigie's
 * authentication channel can put them).
 *
 * <p>Keycloak's own "acr loa level" mapper is not used: the browser flow's level condition
 * decides when an SSO session may answer {@code acr_values=eidas1}, but that mapper reports level 1
 * for any login that passed no level condition, which would name eidas1 for a weaker path.
 */
public class AcrAmrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "vigie-acr-amr-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, AcrAmrMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie acr / amr";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Sets acr=eidas1 and amr (pin, swk, mfa) for sessions approved on the practitioner's device. "
                + "Use it instead of Keycloak's 'acr loa level' mapper in the acr client scope.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String acr = userSession.getNote(LoginNotes.ACR);
        String amr = userSession.getNote(LoginNotes.AMR);
        if (acr == null) {
            // A CIBA login: Keycloak's CIBA grant opens the session itself and keeps what the
            // approval on the device said as client-session notes under its callback prefix.
            AuthenticatedClientSessionModel clientSession = clientSessionCtx == null ? null : clientSessionCtx.getClientSession();
            acr = clientSession == null ? null : clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + LoginNotes.ACR);
            amr = clientSession == null ? null : clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + LoginNotes.AMR);
        }
        if (acr == null) {
            return;
        }
        token.setAcr(acr);
        if (amr != null && !amr.isBlank()) {
            token.getOtherClaims().put("amr", Arrays.asList(amr.trim().split("\\s+")));
        }
    }
}
