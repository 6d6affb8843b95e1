package org.vigie.ciba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.vigie.challenge.ChallengeCodes;

class CibaCodeClaimTest {

    @Test
    void aVigieCodeAsBindingMessageIsTheCodeToType() {
        for (int i = 0; i < 100; i++) {
            assertTrue(CibaCodeClaim.isVigieCode(ChallengeCodes.typeCode()));
        }
        assertTrue(CibaCodeClaim.isVigieCode("4930277"));
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(CibaCodeClaim.isVigieCode("4930278"), "wrong Luhn key: a typo, refused");
        assertFalse(CibaCodeClaim.isVigieCode("493027"));
        assertFalse(CibaCodeClaim.isVigieCode("49302770"));
        assertFalse(CibaCodeClaim.isVigieCode("Guichet-3"));
        assertFalse(CibaCodeClaim.isVigieCode("４９３０２７７"), "digits other than ASCII");
        assertFalse(CibaCodeClaim.isVigieCode(""));
        assertFalse(CibaCodeClaim.isVigieCode(null));
    }

    @Test
    void aRequestObjectsBindingMessageReplacesTheFormsAsKeycloakReadsIt() throws Exception {
        assertEquals("4930277", CibaCodeClaim.bindingMessage(json("{\"binding_message\": \"4930277\"}"), "1234566"));
        assertEquals("4930277", CibaCodeClaim.bindingMessage(json("{\"binding_message\": 4930277}"), null), "a number, read as its text");
        assertEquals("Guichet-3", CibaCodeClaim.bindingMessage(json("{\"binding_message\": \"Guichet-3\"}"), "4930277"),
                "the object's text is what the channel gets: refused, whatever the form says");
        assertEquals("[\"4930277\"]", CibaCodeClaim.bindingMessage(json("{\"binding_message\": [\"4930277\"]}"), "1234566"));
        assertFalse(CibaCodeClaim.isVigieCode(CibaCodeClaim.bindingMessage(json("{\"binding_message\": null}"), "4930277")),
                "an explicit null is the text \"null\" to Keycloak: not a code");
    }

    @Test
    void withoutOneInTheRequestObjectTheFormsCounts() throws Exception {
        assertEquals("4930277", CibaCodeClaim.bindingMessage(json("{\"login_hint\": \"10001045367\"}"), "4930277"));
        assertEquals("4930277", CibaCodeClaim.bindingMessage(null, "4930277"), "no request object");
        assertNull(CibaCodeClaim.bindingMessage(json("{}"), null));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
