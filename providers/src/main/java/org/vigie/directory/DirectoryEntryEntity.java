package org.vigie.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One practitioner of the national directory in one realm: the grouped extract data (PSC's
 * shape, JSON) and its content hash, so that an unchanged practitioner costs one read and no
 * write. A practitioner who left the directory stays, with {@code active = false}.
 */
@Entity
@Table(name = "VIGIE_DIRECTORY_ENTRY")
@IdClass(DirectoryEntryEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "vigieDirectoryHashes", query = "select e.nationalId, e.hash, e.active from DirectoryEntryEntity e"
                + " where e.nationalId in :ids and e.realmId = :realmId"),
        @NamedQuery(name = "vigieDirectoryEntries", query = "select e from DirectoryEntryEntity e"
                + " where e.nationalId in :ids and e.realmId = :realmId"),
        @NamedQuery(name = "vigieDirectoryActiveIdsAfter", query = "select e.nationalId from DirectoryEntryEntity e"
                + " where e.nationalId > :after and e.realmId = :realmId and e.active = true order by e.nationalId"),
        @NamedQuery(name = "vigieDirectoryCount", query = "select e.active, count(e) from DirectoryEntryEntity e"
                + " where e.realmId = :realmId group by e.active"),
        @NamedQuery(name = "vigieDirectoryRemoveRealm", query = "delete from DirectoryEntryEntity e where e.realmId = :realmId")
})
public class DirectoryEntryEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Id
    @Column(name = "NATIONAL_ID", length = 12)
    private String nationalId;

    @Column(name = "DATA")
    private String data;

    @Column(name = "HASH", length = 44)
    private String hash;

    @Column(name = "ACTIVE")
    private boolean active;

    @Column(name = "UPDATED_AT")
    private long updatedAt;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** Primary key: realm and national identifier ({@code 8}+RPPS, {@code 0}+ADELI). */
    public static class Key implements Serializable {
        private String realmId;
        private String nationalId;

        public Key() {
        }

        public Key(String realmId, String nationalId) {
            this.realmId = realmId;
            this.nationalId = nationalId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(nationalId, k.nationalId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, nationalId);
        }
    }
}
