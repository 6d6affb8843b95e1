package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vigie.challenge.DeviceApprovalAuthenticatorFactory;

/** The approval step names the credential type it checks without depending on this package: the same name. */
class DeviceCredentialTypeTest {

    @Test
    void theApprovalStepsReferenceCategoryIsTheDeviceCredentialType() {
        assertEquals(DeviceCredentialModel.TYPE, new DeviceApprovalAuthenticatorFactory().getReferenceCategory());
    }
}
