package org.vigie.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RiskPolicyRefTest {

    @Test
    void eachKindSurvivesItsStoredForm() {
        assertEquals(RiskPolicyRef.none(), RiskPolicyRef.decode(RiskPolicyRef.none().encode()));
        assertEquals(RiskPolicyRef.ofConfig(""), RiskPolicyRef.decode(RiskPolicyRef.ofConfig("").encode()));
        assertEquals(RiskPolicyRef.ofConfig("3c1e"), RiskPolicyRef.decode(RiskPolicyRef.ofConfig("3c1e").encode()));
    }

    @Test
    void storedFormsAreTheOnesNodesAlreadyWrite() {
        // Challenges written before this class existed must read back the same.
        assertEquals("none", RiskPolicyRef.none().encode());
        assertEquals("default", RiskPolicyRef.ofConfig(null).encode());
        assertEquals("default", RiskPolicyRef.ofConfig(" ").encode());
        assertEquals("cfg-id", RiskPolicyRef.decode("cfg-id").encode());
    }

    @Test
    void absentOrBlankMeansNoPolicy() {
        assertFalse(RiskPolicyRef.decode(null).present());
        assertFalse(RiskPolicyRef.decode("").present());
        assertTrue(RiskPolicyRef.decode("default").present());
        assertTrue(RiskPolicyRef.ofConfig("x").present());
    }

    @Test
    void withoutRiskStepEveryApprovalIsOnTime() {
        // No realm is read: the supplier and the realm are never touched.
        assertTrue(RiskPolicyRef.none().allowsApprovalNow(null, () -> {
            throw new AssertionError("the practitioner must not be read");
        }));
    }
}
