package org.vigie.health.vaccination;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the "record an act" form sent, as typed, and what is wrong with it. Nothing is stored
 * unless {@link #errors()} is empty; the page shows the values back with the errors.
 */
public final class ActForm {

    /** Lot numbers as printed on vaccine packs: 3 to 20 capital letters, digits or dashes, starting with a letter or digit. */
    static final Pattern LOT = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,19}");
    static final int MAX_REMARKS = 500;
    static final int MAX_SHORT = 40;

    public final String patient;
    public final String vaccine;
    public final String lot;
    public final String site;
    public final String date;
    public final String remarks;

    private final List<String> errors = new ArrayList<>();
    private Patient foundPatient;
    private LocalDate parsedDate;

    public ActForm(String patient, String vaccine, String lot, String site, String date, String remarks) {
        this.patient = clean(patient);
        this.vaccine = clean(vaccine);
        this.lot = clean(lot).toUpperCase(Locale.ROOT);
        this.site = clean(site);
        this.date = clean(date);
        this.remarks = clean(remarks);
    }

    /** An empty form, today's date proposed. */
    public static ActForm blank() {
        return new ActForm("", "", "", "", Dates.today().toString(), "");
    }

    /** Checks every field; looks the patient up. */
    public ActForm validate() {
        errors.clear();
        if (tooLong(patient, MAX_SHORT, "Le numéro de dossier du patient est trop long") && !patient.isEmpty()) {
            foundPatient = Patient.byFileNumber(patient).orElse(null);
            if (foundPatient == null) {
                errors.add("Patient inconnu : aucun dossier « " + patient + " ».");
            }
        } else if (patient.isEmpty()) {
            errors.add("Choisissez le patient.");
        }
        if (tooLong(vaccine, MAX_SHORT, "Le code du vaccin est trop long") && !Catalogue.VACCINES.containsKey(vaccine)) {
            errors.add(vaccine.isEmpty() ? "Choisissez le vaccin." : "Vaccin inconnu : choisissez-le dans la liste.");
        }
        if (tooLong(lot, MAX_SHORT, "Le numéro de lot est trop long") && !LOT.matcher(lot).matches()) {
            errors.add(lot.isEmpty() ? "Indiquez le numéro de lot."
                    : "Numéro de lot invalide : de 3 à 20 lettres majuscules, chiffres ou tirets (par exemple AB1234-5).");
        }
        if (tooLong(site, MAX_SHORT, "Le code du site d'injection est trop long") && !Catalogue.SITES.containsKey(site)) {
            errors.add(site.isEmpty() ? "Choisissez le site d'injection." : "Site d'injection inconnu : choisissez-le dans la liste.");
        }
        if (tooLong(date, MAX_SHORT, "La date est trop longue")) {
            checkDate();
        }
        tooLong(remarks, MAX_REMARKS, "La remarque est trop longue");
        return this;
    }

    private void checkDate() {
        if (date.isEmpty()) {
            errors.add("Indiquez la date de l'injection.");
            return;
        }
        try {
            parsedDate = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            errors.add("Date invalide : attendue au format AAAA-MM-JJ.");
            return;
        }
        if (parsedDate.isAfter(Dates.today())) {
            errors.add("La date de l'injection ne peut pas être dans le futur.");
        } else if (foundPatient != null && parsedDate.isBefore(foundPatient.birthDate)) {
            errors.add("La date de l'injection précède la naissance du patient.");
        }
    }

    /** False (and an error) when a field is longer than allowed. */
    private boolean tooLong(String value, int max, String message) {
        if (value.length() > max) {
            errors.add(message + " (" + max + " caractères au plus).");
            return false;
        }
        return true;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public Optional<Patient> patientFound() {
        return Optional.ofNullable(foundPatient);
    }

    public LocalDate parsedDate() {
        return parsedDate;
    }

    /** Values shown back in the form are cut, so that an oversized field is not echoed in full. */
    public String shown(String value) {
        return value.length() > MAX_REMARKS ? value.substring(0, MAX_REMARKS) : value;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
