package org.vigie.directory;

import org.vigie.common.AdminRealmResourceFactory;

/** Mounts {@link DirectoryAdminResource} at {@code /admin/realms/{realm}/vigie-directory}. */
public class DirectoryAdminResourceProviderFactory extends AdminRealmResourceFactory {

    public static final String PROVIDER_ID = "vigie-directory";

    public DirectoryAdminResourceProviderFactory() {
        super(PROVIDER_ID, DirectoryAdminResource::new);
    }
}
