package org.vigie.common;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts a feature's operators' endpoints at {@code /admin/realms/{realm}/{id}}: Keycloak
 * authenticates the admin, and the resource, built per request, checks the admin's rights itself
 * ({@code auth}) and records admin events ({@code adminEvent}). A feature's factory only names the
 * path and the resource.
 */
public abstract class AdminRealmResourceFactory implements AdminRealmResourceProviderFactory {

    /** A feature's admin resource, built for one request. */
    @FunctionalInterface
    public interface Resource {
        Object create(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent);
    }

    private final String id;
    private final Resource resource;

    protected AdminRealmResourceFactory(String id, Resource resource) {
        this.id = id;
        this.resource = resource;
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return resource.create(session, realm, auth, adminEvent);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
