package org.vigie.directory.extract;

import java.util.Arrays;

/**
 * A set of national identifiers as longs ({@code 8}+RPPS and {@code 0}+ADELI are digits only and
 * never collide as numbers: 12 digits starting with 8, or at most 10 digits). 2.2 M identifiers
 * take about 32 MB here against about 200 MB as a {@code HashSet<String>}.
 */
public final class LongSet {

    private long[] slots = new long[1 << 16];
    private int size;

    /** The identifier as a number, or -1 when it is not digits only (never the case after {@link RowParser}). */
    public static long key(String nationalId) {
        if (nationalId.isEmpty() || nationalId.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < nationalId.length(); i++) {
            char c = nationalId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public boolean add(String nationalId) {
        long key = key(nationalId);
        if (key < 0) {
            return false;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        return insert(slots, key + 1);
    }

    public boolean contains(String nationalId) {
        long key = key(nationalId);
        if (key < 0) {
            return false;
        }
        long stored = key + 1;
        int mask = slots.length - 1;
        for (int i = hash(stored) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                return false;
            }
            if (slots[i] == stored) {
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    private boolean insert(long[] table, long stored) {
        int mask = table.length - 1;
        for (int i = hash(stored) & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = stored;
                if (table == slots) {
                    size++;
                }
                return true;
            }
            if (table[i] == stored) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(v -> v != 0).forEach(v -> insert(slots, v));
    }

    private static int hash(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
