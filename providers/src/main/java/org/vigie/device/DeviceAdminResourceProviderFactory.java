package org.vigie.device;

import org.vigie.common.AdminRealmResourceFactory;

/** Mounts {@link DeviceAdminResource} at {@code /admin/realms/{realm}/vigie}. */
public class DeviceAdminResourceProviderFactory extends AdminRealmResourceFactory {

    public static final String PROVIDER_ID = "vigie";

    public DeviceAdminResourceProviderFactory() {
        super(PROVIDER_ID, DeviceAdminResource::new);
    }
}
