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
