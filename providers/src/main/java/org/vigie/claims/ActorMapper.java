package org.vigie.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.vigie.common.DelegationNotes;

/**
 * RFC 8693 {@code act} in the tokens of a delegated session: the tokens are the practitioner's,
 * {@code act} names the assistant typing in their name ({@code sub}, national or staff identifier
 * as {@code preferred_username}, {@code name}), and {@code vigie_delegation} says until when.
 * Sessions that are not delegated get neither claim. Introspection answers carry them too: an API
 * checking the tokens it is sent by introspection learns who types, as one reading them does.
 */
public class ActorMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "vigie-act-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, ActorMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie act (delegation)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "In a delegated session, adds RFC 8693 'act' naming the assistant (sub, preferred_username, name) "
                + "and 'vigie_delegation' (id, until). Keep it in a default scope of every client.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        DelegationNotes.of(userSession).ifPresent(delegation -> {
            Map<String, Object> act = new LinkedHashMap<>();
            act.put("sub", delegation.assistantId());
            act.put("preferred_username", delegation.assistantIdentifier());
            act.put("name", delegation.assistantName());
            token.getOtherClaims().put("act", act);
            token.getOtherClaims().put("vigie_delegation", Map.of("id", delegation.id(), "until", delegation.until()));
        });
    }
}
