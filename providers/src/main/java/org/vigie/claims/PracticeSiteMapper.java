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
 * One field of the practitioner's principal practice site (the first activity of their exercices)
 * as a flat claim: PSC's {@code SubjectOrganization} (raisonSocialeSite), {@code SubjectOrganizationID}
 * (identifiantTechniqueDeLaStructure) and {@code Secteur_Activite} (codeSecteurDactivite^OID).
 */
public class PracticeSiteMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "vigie-practice-site-mapper";
    static final String SITE_FIELD = "vigie.site.field";
    static final String DEFAULT_FIELD = "raisonSocialeSite";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        MapperConfig.addExerciceAttribute(CONFIG);
        ProviderConfigProperty field = new ProviderConfigProperty(SITE_FIELD, "Site field",
                "Field of the principal activity (SubjectRefPro.exercices[].activities[]) sent in the claim.",
                ProviderConfigProperty.LIST_TYPE, DEFAULT_FIELD);
        field.setOptions(List.of(DEFAULT_FIELD, "identifiantTechniqueDeLaStructure", "codeSecteurDactivite",
                "numeroFinessSite", "numeroFinessetablissementJuridique", "numeroSiretSite", "codeModeExercice"));
        CONFIG.add(field);
        MapperConfig.addCodeSystem(CONFIG, "");
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, PracticeSiteMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie practice site";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Sends one field of the practitioner's principal practice site (first activity listed), "
                + "like PSC's SubjectOrganization, SubjectOrganizationID and Secteur_Activite.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String field = mappingModel.getConfig().getOrDefault(SITE_FIELD, DEFAULT_FIELD);
        var exercices = PractitionerAttributes.exercices(userSession.getUser(), MapperConfig.exerciceAttribute(mappingModel));
        PracticeSites.siteField(exercices, field == null || field.isBlank() ? DEFAULT_FIELD : field.trim(),
                        MapperConfig.codeSystem(mappingModel, ""))
                .ifPresent(value -> OIDCAttributeMapperHelper.mapClaim(token, mappingModel, value));
    }
}
