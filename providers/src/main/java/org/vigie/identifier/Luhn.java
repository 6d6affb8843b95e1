package org.vigie.identifier;

/** The Luhn (mod 10) key used by RPPS numbers. */
public final class Luhn {

    private Luhn() {
    }

    /** True when the last digit of {@code digits} is the Luhn key of the others. */
    public static boolean isValid(String digits) {
        if (digits == null || digits.length() < 2 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return checkDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** The key to append to {@code base} (digits only) so that the whole passes {@link #isValid}. */
    public static int checkDigit(String base) {
        int sum = 0;
        boolean doubled = true; // the digit next to the key is doubled
        for (int i = base.length() - 1; i >= 0; i--) {
            int d = base.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("digits only");
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
