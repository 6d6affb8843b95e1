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

/** PSC's {@code SubjectRole}: every profession of the practitioner's exercices, as {@code code^OID}. */
public class SubjectRoleMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "vigie-subject-role-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        MapperConfig.addExerciceAttribute(CONFIG);
        MapperConfig.addCodeSystem(CONFIG, PracticeSites.SUBJECT_ROLE_SYSTEM);
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, SubjectRoleMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie SubjectRole";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Lists the practitioner's professions (codeProfession of each exercice, once each) as code^OID, like PSC's SubjectRole.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        var exercices = PractitionerAttributes.exercices(userSession.getUser(), MapperConfig.exerciceAttribute(mappingModel));
        var roles = PracticeSites.roles(exercices, MapperConfig.codeSystem(mappingModel, PracticeSites.SUBJECT_ROLE_SYSTEM));
        if (!roles.isEmpty()) {
            // An ArrayNode, not a Collection: Keycloak's helper would keep only the first value of a list.
            OIDCAttributeMapperHelper.mapClaim(token, mappingModel, roles);
        }
    }
}
