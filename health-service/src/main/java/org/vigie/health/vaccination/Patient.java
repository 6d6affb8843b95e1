package org.vigie.health.vaccination;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A synthetic patient (no real person's data is ever stored by the demo). */
@Entity
public class Patient extends PanacheEntity {

    /** The service's own file number, e.g. {@code P-0001}. */
    @Column(unique = true, nullable = false, length = 16)
    public String fileNumber;

    @Column(nullable = false, length = 80)
    public String familyName;

    @Column(nullable = false, length = 80)
    public String givenName;

    @Column(nullable = false)
    public LocalDate birthDate;

    public static Optional<Patient> byFileNumber(String fileNumber) {
        return find("fileNumber", fileNumber).firstResultOptional();
    }

    public static List<Patient> ordered() {
        return list("order by familyName, givenName");
    }

    /** Patients whose name or file number contains the text (case-insensitive). */
    public static List<Patient> matching(String text) {
        String like = "%" + text.toLowerCase(Locale.ROOT) + "%";
        return list("lower(familyName) like ?1 or lower(givenName) like ?1 or lower(fileNumber) like ?1 "
                + "order by familyName, givenName", like);
    }

    public String label() {
        return familyName.toUpperCase(Locale.FRENCH) + " " + givenName + " (" + fileNumber + ", né·e le "
                + Dates.french(birthDate) + ")";
    }
}
