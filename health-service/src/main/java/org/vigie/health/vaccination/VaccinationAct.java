package org.vigie.health.vaccination;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One vaccination act, recorded with who did it as the identity provider vouched for it: the
 * practitioner's national identifier, profession and practice site, and, for a delegated session,
 * the assistant who typed it in the practitioner's name.
 */
@Entity
public class VaccinationAct extends PanacheEntity {

    @ManyToOne(optional = false)
    public Patient patient;

    @Column(nullable = false, length = 16)
    public String vaccineCode;

    @Column(nullable = false, length = 20)
    public String lotNumber;

    @Column(nullable = false, length = 16)
    public String siteCode;

    @Column(nullable = false)
    public LocalDate administeredOn;

    @Column(length = 500)
    public String remarks;

    @Column(nullable = false, length = 32)
    public String practitionerId;

    @Column(nullable = false, length = 160)
    public String practitionerName;

    @Column(length = 8)
    public String professionCode;

    @Column(length = 300)
    public String practiceSite;

    @Column(length = 32)
    public String assistantId;

    @Column(length = 160)
    public String assistantName;

    @Column(nullable = false)
    public Instant recordedAt;

    /** The acts recorded in a practitioner's name, newest first, optionally for patients matching a text. */
    public static List<VaccinationAct> recordedBy(String practitionerId, String search) {
        if (search == null || search.isBlank()) {
            return list("practitionerId = ?1 order by administeredOn desc, recordedAt desc", practitionerId);
        }
        String like = "%" + search.strip().toLowerCase(java.util.Locale.ROOT) + "%";
        return list("practitionerId = ?1 and (lower(patient.familyName) like ?2 or lower(patient.givenName) like ?2 "
                + "or lower(patient.fileNumber) like ?2 or lower(lotNumber) like ?2) "
                + "order by administeredOn desc, recordedAt desc", practitionerId, like);
    }

    public String vaccineLabel() {
        return Catalogue.VACCINES.getOrDefault(vaccineCode, vaccineCode);
    }

    public String siteLabel() {
        return Catalogue.SITES.getOrDefault(siteCode, siteCode);
    }

    public String administeredOnFrench() {
        return Dates.french(administeredOn);
    }
}
