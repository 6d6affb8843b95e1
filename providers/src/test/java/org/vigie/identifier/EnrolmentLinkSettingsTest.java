package org.vigie.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class EnrolmentLinkSettingsTest {

    @Test
    void linksAreOfferedUnlessTurnedOff() {
        assertTrue(IdentifierFormAuthenticator.enrolmentLinks(null));
        assertTrue(IdentifierFormAuthenticator.enrolmentLinks(config(Map.of())));
        assertTrue(IdentifierFormAuthenticator.enrolmentLinks(config(Map.of("enrolmentLinks", "true"))));
        assertFalse(IdentifierFormAuthenticator.enrolmentLinks(config(Map.of("enrolmentLinks", "false"))));
    }

    @Test
    void lifetimeOutOfRangeIsBroughtIntoItsBoundsAndNoNumberIsFifteenMinutes() {
        assertEquals(900, IdentifierFormAuthenticator.enrolmentLinkLifespan(null));
        assertEquals(300, IdentifierFormAuthenticator.enrolmentLinkLifespan(config(Map.of("enrolmentLinkLifespanSeconds", "299"))));
        assertEquals(86400, IdentifierFormAuthenticator.enrolmentLinkLifespan(config(Map.of("enrolmentLinkLifespanSeconds", "86401"))));
        assertEquals(900, IdentifierFormAuthenticator.enrolmentLinkLifespan(config(Map.of("enrolmentLinkLifespanSeconds", "ten"))));
        assertEquals(300, IdentifierFormAuthenticator.enrolmentLinkLifespan(config(Map.of("enrolmentLinkLifespanSeconds", "300"))));
        assertEquals(86400, IdentifierFormAuthenticator.enrolmentLinkLifespan(config(Map.of("enrolmentLinkLifespanSeconds", " 86400 "))));
    }

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(new HashMap<>(values));
        return model;
    }
}
