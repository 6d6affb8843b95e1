package org.vigie.directory;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.storage.UserStorageProviderModel;

/** User Federation → "vigie-directory": created by the first directory import of a realm. */
public class DirectoryUserStorageProviderFactory implements UserStorageProviderFactory<DirectoryUserStorageProvider> {

    public static final String PROVIDER_ID = "vigie-directory";

    @Override
    public DirectoryUserStorageProvider create(KeycloakSession session, ComponentModel model) {
        return new DirectoryUserStorageProvider(session, model);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Practitioners of the national directory (Annuaire Santé), loaded with ./vigie directory import";
    }

    /** The realm's directory store, created the first time (one per realm). */
    static UserStorageProviderModel ensure(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()))
                .findFirst()
                .map(UserStorageProviderModel::new)
                .orElseGet(() -> {
                    UserStorageProviderModel created = new UserStorageProviderModel();
                    created.setName("Annuaire Santé (Vigie)");
                    created.setProviderId(PROVIDER_ID);
                    created.setProviderType(UserStorageProvider.class.getName());
                    created.setParentId(realm.getId());
                    created.setPriority(10);
                    created.setImportEnabled(true);
                    created.setEnabled(true);
                    return new UserStorageProviderModel(realm.addComponentModel(created));
                });
    }
}
