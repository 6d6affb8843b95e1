package org.vigie.health.vaccination;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.LocalDate;

/** Fills an empty database with synthetic patients (invented names and file numbers, no real person). */
@ApplicationScoped
public class SyntheticPatients {

    private static final Object[][] PATIENTS = {
            {"P-0001", "Durand", "Alice", LocalDate.of(1958, 3, 14)},
            {"P-0002", "Lefèvre", "Bruno", LocalDate.of(1972, 11, 2)},
            {"P-0003", "Moreau", "Chloé", LocalDate.of(1990, 6, 21)},
            {"P-0004", "Garnier", "David", LocalDate.of(2015, 9, 8)},
            {"P-0005", "Rousseau", "Emma", LocalDate.of(1946, 1, 30)},
            {"P-0006", "Fontaine", "Farid", LocalDate.of(1984, 4, 17)},
            {"P-0007", "Chevalier", "Gaëlle", LocalDate.of(2001, 12, 5)},
            {"P-0008", "Blanc", "Hugo", LocalDate.of(2024, 2, 29)},
    };

    @Transactional
    void seed(@Observes StartupEvent started) {
        if (Patient.count() > 0) {
            return;
        }
        for (Object[] row : PATIENTS) {
            Patient patient = new Patient();
            patient.fileNumber = (String) row[0];
            patient.familyName = (String) row[1];
            patient.givenName = (String) row[2];
            patient.birthDate = (LocalDate) row[3];
            patient.persist();
        }
    }
}
