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

/**
 * The practitioner's national identifier (8+RPPS, or 0+ADELI) as a claim: PSC's
 * {@code SubjectNameID}, and {@code preferred_username} with a second instance of this mapper.
 */
public class NationalIdMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "vigie-national-id-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        MapperConfig.addIdentifierAttributes(CONFIG);
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, NationalIdMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie national identifier";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Puts the national identifier (8+RPPS, else 0+ADELI) read from user attributes into a claim, e.g. SubjectNameID or preferred_username.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        PractitionerAttributes.nationalId(userSession.getUser(),
                        MapperConfig.rppsAttribute(mappingModel), MapperConfig.adeliAttribute(mappingModel))
                .ifPresent(id -> OIDCAttributeMapperHelper.mapClaim(token, mappingModel, id));
    }
}
