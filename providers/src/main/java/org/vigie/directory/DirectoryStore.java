package org.vigie.directory;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Vigie's directory table, through Keycloak's own JPA connection (same transaction as the request). */
final class DirectoryStore {

    /** The hash and state of a stored entry. */
    record Stored(String hash, boolean active) {
    }

    private final EntityManager em;

    DirectoryStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    DirectoryEntryEntity find(String realmId, String nationalId) {
        return em.find(DirectoryEntryEntity.class, new DirectoryEntryEntity.Key(realmId, nationalId));
    }

    /** Hash and state of those of these identifiers already stored: one indexed query per batch. */
    Map<String, Stored> stored(String realmId, List<String> nationalIds) {
        Map<String, Stored> result = new HashMap<>();
        if (nationalIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createNamedQuery("vigieDirectoryHashes", Object[].class)
                .setParameter("realmId", realmId).setParameter("ids", nationalIds).getResultList();
        for (Object[] row : rows) {
            result.put((String) row[0], new Stored((String) row[1], (Boolean) row[2]));
        }
        return result;
    }

    /** The stored entries of these identifiers, managed (changes are written at flush): one query per batch. */
    Map<String, DirectoryEntryEntity> entries(String realmId, List<String> nationalIds) {
        Map<String, DirectoryEntryEntity> result = new HashMap<>();
        if (nationalIds.isEmpty()) {
            return result;
        }
        em.createNamedQuery("vigieDirectoryEntries", DirectoryEntryEntity.class)
                .setParameter("realmId", realmId).setParameter("ids", nationalIds).getResultStream()
                .forEach(e -> result.put(e.getNationalId(), e));
        return result;
    }

    /**
     * Username to user id of those of these practitioners already imported into Keycloak's users
     * (linked to the directory store): one query per batch on Keycloak's own user table, by its
     * unique (realm, username) index, instead of one user lookup per practitioner.
     */
    Map<String, String> importedUserIds(String realmId, String componentId, List<String> nationalIds) {
        Map<String, String> result = new HashMap<>();
        if (nationalIds.isEmpty()) {
            return result;
        }
        List<Object[]> rows = em.createQuery("select u.username, u.id from UserEntity u where u.realmId = :realmId"
                        + " and u.username in :names and u.federationLink = :link", Object[].class)
                .setParameter("realmId", realmId).setParameter("names", nationalIds).setParameter("link", componentId)
                .getResultList();
        for (Object[] row : rows) {
            result.put((String) row[0], (String) row[1]);
        }
        return result;
    }

    void insert(DirectoryEntryEntity entry) {
        em.persist(entry);
    }

    /** Active identifiers after {@code after}, in order: keyset paging over the primary key. */
    List<String> activeIdsAfter(String realmId, String after, int max) {
        return em.createNamedQuery("vigieDirectoryActiveIdsAfter", String.class)
                .setParameter("realmId", realmId).setParameter("after", after).setMaxResults(max).getResultList();
    }

    /** Entries of the realm: {@code active} and {@code inactive} counts. */
    Map<String, Long> counts(String realmId) {
        Map<String, Long> counts = new HashMap<>(Map.of("active", 0L, "inactive", 0L));
        for (Object[] row : em.createNamedQuery("vigieDirectoryCount", Object[].class).setParameter("realmId", realmId).getResultList()) {
            counts.put(Boolean.TRUE.equals(row[0]) ? "active" : "inactive", (Long) row[1]);
        }
        return counts;
    }

    void removeRealm(String realmId) {
        em.createNamedQuery("vigieDirectoryRemoveRealm").setParameter("realmId", realmId).executeUpdate();
    }

    void flush() {
        em.flush();
    }

}
