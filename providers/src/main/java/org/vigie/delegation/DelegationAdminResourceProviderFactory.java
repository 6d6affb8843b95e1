package org.vigie.delegation;

import org.vigie.common.AdminRealmResourceFactory;

/** Mounts {@link DelegationAdminResource} at {@code /admin/realms/{realm}/vigie-delegations}. */
public class DelegationAdminResourceProviderFactory extends AdminRealmResourceFactory {

    public static final String PROVIDER_ID = "vigie-delegations";

    public DelegationAdminResourceProviderFactory() {
        super(PROVIDER_ID, DelegationAdminResource::new);
    }
}
