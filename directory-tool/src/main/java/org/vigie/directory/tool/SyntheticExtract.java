package org.vigie.directory.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vigie.directory.extract.PublishedHeaders;
import org.vigie.identifier.Luhn;

/**
 * Writes a synthetic extract in the publisher's format (56 columns, {@code |} with a trailing
 * {@code |}, UTF-8): fictional people with Luhn-valid RPPS, a realistic spread of professions and
 * of sites per practitioner, and a few malformed rows on purpose (one every
 * {@value #MALFORMED_EVERY} practitioners). The same seed gives the same file; {@code changedPercent}
 * and {@code removedPercent} give "the next day's file" of the same seed.
 */
public final class SyntheticExtract {

    static final int MALFORMED_EVERY = 400;

    /** What to write. */
    public record Options(long rows, long seed, double changedPercent, double removedPercent) {
    }

    /** What was written. */
    public record Written(long rows, long practitioners, long malformed, long changed, long removed) {
    }

    private static final String[] SURNAMES = {"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND",
        "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
        "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "LEFÈVRE",
        "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND"};
    private static final String[] GIVEN = {"Camille", "Léa", "Hugo", "Louis", "Emma", "Jade", "Gabriel", "Raphaël",
        "Chloé", "Inès", "Arthur", "Zoé", "Jules", "Manon", "Lucas", "Élise", "Noé", "Anaïs", "Théo", "Maëlle", "Adam",
        "Clémence", "Joël", "Hélène", "Françoise", "Jérôme", "Sébastien", "Agnès", "Benoît", "Céline"};
    /** Profession codes and their weight among practitioners (roughly the directory's spread). */
    private static final String[] PROFESSIONS = {"60", "10", "70", "21", "40", "50", "91", "80", "26", "28", "92", "94", "95", "96"};
    private static final int[] PROFESSION_WEIGHTS = {40, 22, 9, 7, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1};
    private static final String[] SAVOIR_FAIRE_MEDECIN = {"SM54", "SM54", "SM54", "SM54", "SM02", "SM04", "SM15", "SM19",
        "SM42", "SM40", "SM47", "SM37"};
    private static final String[] SECTEURS = {"SA07", "SA08", "SA01", "SA03", "SA33", "SA09"};
    private static final String[] VOIES = {"RUE", "AV", "BD", "PL", "CHE", "ALL"};
    private static final String[] VOIE_NAMES = {"de la République", "Victor Hugo", "Jean Jaurès", "Pasteur", "des Lilas",
        "du Marché", "de la Gare", "Gambetta", "des Écoles", "Saint-Jacques"};
    private static final String[] TOWNS = {"75056:PARIS", "69123:LYON", "13055:MARSEILLE", "31555:TOULOUSE", "33063:BORDEAUX",
        "59350:LILLE", "44109:NANTES", "67482:STRASBOURG", "35238:RENNES", "34172:MONTPELLIER", "06088:NICE", "21231:DIJON"};

    private SyntheticExtract() {
    }

    public static Written write(OutputStream out, Options options) throws IOException {
        out.write((PublishedHeaders.line(PublishedHeaders.MAIN_56) + "\n").getBytes(StandardCharsets.UTF_8));
        long rows = 0;
        long practitioners = 0;
        long malformed = 0;
        long changed = 0;
        long removed = 0;
        for (long i = 0; rows < options.rows(); i++) {
            SplittableRandom random = new SplittableRandom(options.seed() * 1_000_003L + i);
            SplittableRandom day = new SplittableRandom(options.seed() * 7_919L + i * 31L + 17);
            double dayDraw = day.nextDouble() * 100;
            boolean remove = dayDraw < options.removedPercent();
            boolean change = !remove && dayDraw < options.removedPercent() + options.changedPercent();
            List<String> lines = practitioner(options.seed(), i, random, change);
            if (remove) {
                removed++;
            } else {
                for (String line : lines) {
                    if (rows >= options.rows()) {
                        break;
                    }
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    rows++;
                }
                practitioners++;
                changed += change ? 1 : 0;
            }
            if (i % MALFORMED_EVERY == MALFORMED_EVERY / 2 && rows < options.rows()) {
                out.write(malformed(options.seed(), i, random));
                rows++;
                malformed++;
            }
        }
        out.flush();
        return new Written(rows, practitioners, malformed, changed, removed);
    }

    /** The RPPS of the {@code i}-th synthetic practitioner of a seed: 10-digit base and its Luhn key. */
    public static String rpps(long seed, long i) {
        // Seeds 0 to 7 give distinct ranges (up to 2.7 M practitioners each).
        String base = Long.toString(1_000_000_000L + Math.floorMod(seed, 8) * 100_000_000L + i * 37L);
        return base + Luhn.checkDigit(base);
    }

    private static List<String> practitioner(long seed, long i, SplittableRandom random, boolean changed) {
        boolean adeli = i % 33 == 5;
        String id = adeli ? String.format("%09d", 700_000_000L + Math.floorMod(seed, 8) * 10_000_000L + i) : rpps(seed, i);
        String profession = pick(random);
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        String given = GIVEN[random.nextInt(GIVEN.length)];
        String civilite = random.nextBoolean() ? "M" : "MME";
        String savoirFaire = profession.equals("10") ? SAVOIR_FAIRE_MEDECIN[random.nextInt(SAVOIR_FAIRE_MEDECIN.length)] : "";
        int draw = random.nextInt(100);
        int sites = draw < 65 ? 1 : draw < 87 ? 2 : draw < 95 ? 3 : draw < 98 ? 4 : 5 + random.nextInt(4);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            Map<String, String> v = new HashMap<>();
            v.put("Type d'identifiant PP", adeli ? "0" : "8");
            v.put("Identifiant PP", id);
            v.put("Identification nationale PP", (adeli ? "0" : "8") + id);
            v.put("Code civilité", civilite);
            v.put("Libellé civilité", civilite.equals("M") ? "Monsieur" : "Madame");
            if (profession.equals("10") || profession.equals("40")) {
                v.put("Code civilité d'exercice", "DR");
                v.put("Libellé civilité d'exercice", "Docteur");
            }
            v.put("Nom d'exercice", surname);
            v.put("Prénom d'exercice", given);
            v.put("Code profession", profession);
            v.put("Code catégorie professionnelle", random.nextInt(20) == 0 ? "M" : "C");
            if (!savoirFaire.isEmpty()) {
                v.put("Code type savoir-faire", "S");
                v.put("Libellé type savoir-faire", "Spécialité ordinale");
                v.put("Code savoir-faire", savoirFaire);
            }
            site(v, i, s, random, changed && s == 0);
            lines.add(line(v));
        }
        return lines;
    }

    private static void site(Map<String, String> v, long i, int s, SplittableRandom random, boolean changed) {
        String secteur = SECTEURS[random.nextInt(SECTEURS.length)];
        boolean hospital = secteur.equals("SA01") || secteur.equals("SA03");
        long site = (i * 7 + s * 104_729L) % 900_000;
        v.put("Code mode exercice", hospital ? "S" : random.nextInt(10) == 0 ? "B" : "L");
        v.put("Numéro SIRET site", String.format("%014d", 30_000_000_000_000L + site * 13));
        v.put("Numéro SIREN site", String.format("%09d", 300_000_000L + site));
        if (hospital) {
            v.put("Numéro FINESS site", String.format("%09d", 750_000_000L + site));
            v.put("Numéro FINESS établissement juridique", String.format("%09d", 750_100_000L + site / 10));
        }
        v.put("Identifiant technique de la structure", "R10000" + String.format("%09d", site));
        v.put("Raison sociale site", (hospital ? "CENTRE HOSPITALIER " : "CABINET ") + (site % 997));
        String[] town = TOWNS[(int) (site % TOWNS.length)].split(":");
        v.put("Numéro Voie (coord. structure)", Integer.toString(1 + random.nextInt(120)));
        v.put("Code type de voie (coord. structure)", VOIES[random.nextInt(VOIES.length)]);
        v.put("Libellé Voie (coord. structure)", VOIE_NAMES[random.nextInt(VOIE_NAMES.length)]);
        v.put("Code postal (coord. structure)", town[0].substring(0, 2) + "000");
        v.put("Code commune (coord. structure)", town[0]);
        v.put("Libellé commune (coord. structure)", town[1]);
        v.put("Code pays (coord. structure)", "99000");
        v.put("Libellé pays (coord. structure)", "France");
        // A changed practitioner (next day's file) has a new phone number at their first site.
        v.put("Téléphone (coord. structure)", String.format("0%d%08d", 1 + site % 5, changed ? (site * 7 + 1) % 100_000_000 : site));
        v.put("Code Département (coord. structure)", town[0].substring(0, 2));
        v.put("Autorité d'enregistrement", "CNOM/CNOM/CNOM");
        v.put("Code secteur d'activité", secteur);
    }

    /** One row that must be rejected, of five kinds in turn; each names a practitioner not otherwise in the file. */
    private static byte[] malformed(long seed, long i, SplittableRandom random) {
        long fresh = 50_000_000L + i;
        String good = rpps(seed, fresh);
        Map<String, String> v = new HashMap<>();
        v.put("Type d'identifiant PP", "8");
        v.put("Identifiant PP", good);
        v.put("Identification nationale PP", "8" + good);
        v.put("Nom d'exercice", "ERREUR");
        v.put("Prénom d'exercice", "Ligne");
        v.put("Code profession", "10");
        site(v, fresh, 0, random, false);
        int kind = (int) (i / MALFORMED_EVERY % 5);
        switch (kind) {
            case 0 -> {
                String wrong = good.substring(0, 10) + (char) ('0' + (good.charAt(10) - '0' + 1) % 10);
                v.put("Identifiant PP", wrong);
                v.put("Identification nationale PP", "8" + wrong);
            }
            case 1 -> v.put("Code profession", "77");
            case 3 -> v.put("Nom d'exercice", "");
            default -> {
            }
        }
        String line = line(v);
        if (kind == 2) {
            line = String.join("|", java.util.Arrays.copyOf(line.split("\\|", -1), 20)) + "|";
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (kind == 4) {
            bytes[line.indexOf("ERREUR")] = (byte) 0x81; // neither UTF-8 nor Windows-1252
        }
        return bytes;
    }

    private static String line(Map<String, String> values) {
        List<String> row = new ArrayList<>(PublishedHeaders.MAIN_56.size());
        for (String header : PublishedHeaders.MAIN_56) {
            row.add(values.getOrDefault(header, ""));
        }
        return PublishedHeaders.line(row);
    }

    private static String pick(SplittableRandom random) {
        int total = 0;
        for (int w : PROFESSION_WEIGHTS) {
            total += w;
        }
        int draw = random.nextInt(total);
        for (int k = 0; k < PROFESSIONS.length; k++) {
            draw -= PROFESSION_WEIGHTS[k];
            if (draw < 0) {
                return PROFESSIONS[k];
            }
        }
        return PROFESSIONS[0];
    }
}
