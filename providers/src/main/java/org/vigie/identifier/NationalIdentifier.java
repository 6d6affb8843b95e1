package org.vigie.identifier;

import java.util.Objects;
import java.util.Optional;

/**
 * A health professional's national identifier, as typed on the login page.
 *
 * <p>Accepted forms, spaces, dots and dashes tolerated: RPPS (11 digits, Luhn key), national id
 * {@code 8}+RPPS (12 digits), ADELI (9 digits), national id {@code 0}+ADELI (10 digits).
 * The national id is what ProSantéConnect calls {@code SubjectNameID}.
 */
public final class NationalIdentifier {

    public enum Type {
        RPPS("8", 11), ADELI("0", 9),
        /**
         * Vigie's staff identifier, for people without RPPS or ADELI (secretaries, centre agents):
         * 11 digits with a Luhn key, issued by the operators, always typed with its {@code 3} prefix
         * (11 digits alone are an RPPS).
         */
        STAFF("3", 11);

        private final String nationalPrefix;
        private final int length;

        Type(String nationalPrefix, int length) {
            this.nationalPrefix = nationalPrefix;
            this.length = length;
        }

        public String nationalPrefix() {
            return nationalPrefix;
        }

        public int length() {
            return length;
        }
    }

    /** Why a typed value is not an identifier; each maps to one message on the login page. */
    public enum Problem {
        EMPTY, FORMAT, RPPS_CHECK_DIGIT
    }

    /** Outcome of {@link #parse(String)}: an identifier or the reason it is not one. */
    public record Parsed(NationalIdentifier identifier, Problem problem) {
        public boolean valid() {
            return identifier != null;
        }

        public Optional<NationalIdentifier> asOptional() {
            return Optional.ofNullable(identifier);
        }
    }

    /** Longer input is refused before any work: nobody types a 64-character identifier. */
    static final int MAX_INPUT_LENGTH = 64;

    private final Type type;
    private final String number;

    private NationalIdentifier(Type type, String number) {
        this.type = type;
        this.number = number;
    }

    public static NationalIdentifier rpps(String rpps) {
        Parsed parsed = parse(rpps);
        if (!parsed.valid() || parsed.identifier().type != Type.RPPS) {
            throw new IllegalArgumentException("not an RPPS number");
        }
        return parsed.identifier();
    }

    public static Parsed parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return new Parsed(null, Problem.EMPTY);
        }
        if (typed.length() > MAX_INPUT_LENGTH) {
            return new Parsed(null, Problem.FORMAT);
        }
        String digits = stripSeparators(typed);
        if (digits == null) {
            return new Parsed(null, Problem.FORMAT);
        }
        switch (digits.length()) {
            case 11:
                return rppsOrCheckDigitProblem(digits);
            case 12:
                if (digits.startsWith(Type.STAFF.nationalPrefix)) {
                    return Luhn.isValid(digits.substring(1))
                            ? new Parsed(new NationalIdentifier(Type.STAFF, digits.substring(1)), null)
                            : new Parsed(null, Problem.RPPS_CHECK_DIGIT);
                }
                return digits.startsWith(Type.RPPS.nationalPrefix)
                        ? rppsOrCheckDigitProblem(digits.substring(1))
                        : new Parsed(null, Problem.FORMAT);
            case 9:
                return new Parsed(new NationalIdentifier(Type.ADELI, digits), null);
            case 10:
                return digits.startsWith(Type.ADELI.nationalPrefix)
                        ? new Parsed(new NationalIdentifier(Type.ADELI, digits.substring(1)), null)
                        : new Parsed(null, Problem.FORMAT);
            default:
                return new Parsed(null, Problem.FORMAT);
        }
    }

    private static Parsed rppsOrCheckDigitProblem(String rpps) {
        return Luhn.isValid(rpps)
                ? new Parsed(new NationalIdentifier(Type.RPPS, rpps), null)
                : new Parsed(null, Problem.RPPS_CHECK_DIGIT);
    }

    /** Digits only, or null when anything but digits, white space, dots and dashes was typed. */
    private static String stripSeparators(String typed) {
        StringBuilder digits = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '.' || c == '-')) {
                return null;
            }
        }
        return digits.toString();
    }

    public Type type() {
        return type;
    }

    /** The RPPS (11 digits) or ADELI (9 digits) number, without the national prefix. */
    public String number() {
        return number;
    }

    /** {@code 8}+RPPS or {@code 0}+ADELI: PSC's SubjectNameID and preferred_username. */
    public String nationalId() {
        return type.nationalPrefix + number;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NationalIdentifier other && type == other.type && number.equals(other.number);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, number);
    }

    @Override
    public String toString() {
        return nationalId();
    }
}
