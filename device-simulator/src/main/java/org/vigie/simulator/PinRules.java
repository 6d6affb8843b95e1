package org.vigie.simulator;

/**
 * The practitioner's secret PIN: 4 to 8 digits, trivial ones refused (e-CPS uses 4). The app is
 * the only one to see the PIN (the server gets a proof of it, see {@link PinProof}), so the app is
 * where weak PINs are refused.
 */
public final class PinRules {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 8;

    private PinRules() {
    }

    /** True when {@code pin} is well formed and not guessable at first try. */
    public static boolean isAcceptable(String pin) {
        if (!isWellFormed(pin)) {
            return false;
        }
        return !allSameDigit(pin) && !isRun(pin, 1) && !isRun(pin, -1);
    }

    public static boolean isWellFormed(String pin) {
        return pin != null && pin.length() >= MIN_LENGTH && pin.length() <= MAX_LENGTH
                && pin.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean allSameDigit(String pin) {
        return pin.chars().allMatch(c -> c == pin.charAt(0));
    }

    /** 1234, 6789, 9876, 3210… including the wrap-around 8901 / 1098 that people also use. */
    private static boolean isRun(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            int expected = Math.floorMod(pin.charAt(i - 1) - '0' + step, 10);
            if (pin.charAt(i) - '0' != expected) {
                return false;
            }
        }
        return true;
    }
}
