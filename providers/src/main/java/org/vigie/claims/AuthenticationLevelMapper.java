package org.vigie.claims;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.vigie.common.LoginNotes;

/**
 * PSC's {@code Palier_Authentification}: the PGSSI-S level (TRE_R231) of the login. It is a fact of
 * the session, not of the directory, so it is sent only when the session reached the configured
 * {@code acr} by a device approval, never for a session opened any other way.
 */
public class AuthenticationLevelMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "vigie-authentication-level-mapper";
    /** Palier 3 of the private authentication of natural persons, what PSC sends for an e-CPS login. */
    public static final String DEFAULT_LEVEL = "APPPRIP3^1.2.250.1.213.1.5.1.1.1";
    static final String ACR = "vigie.level.acr";
    static final String LEVEL = "vigie.level.value";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        CONFIG.add(new ProviderConfigProperty(ACR, "Session acr", "The claim is sent only for sessions that reached this acr.",
                ProviderConfigProperty.STRING_TYPE, LoginNotes.ACR_EIDAS1));
        CONFIG.add(new ProviderConfigProperty(LEVEL, "Level", "The value sent, code^OID of TRE_R231 PalierAuthentification.",
                ProviderConfigProperty.STRING_TYPE, DEFAULT_LEVEL));
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, AuthenticationLevelMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie authentication level";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Sends PSC's Palier_Authentification (e.g. APPPRIP3^1.2.250.1.213.1.5.1.1.1) for sessions approved on the "
                + "practitioner's device at the configured acr; nothing otherwise.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String level = level(mappingModel.getConfig().get(ACR), mappingModel.getConfig().get(LEVEL), userSession.getNote(LoginNotes.ACR));
        if (level != null) {
            OIDCAttributeMapperHelper.mapClaim(token, mappingModel, level);
        }
    }

    /** The level to send for a session that reached {@code sessionAcr}, or null. */
    static String level(String requiredAcr, String level, String sessionAcr) {
        String required = requiredAcr == null || requiredAcr.isBlank() ? LoginNotes.ACR_EIDAS1 : requiredAcr.trim();
        if (sessionAcr == null || !required.equals(sessionAcr.trim())) {
            return null;
        }
        return level == null || level.isBlank() ? DEFAULT_LEVEL : level.trim();
    }
}
