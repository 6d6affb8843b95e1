package org.vigie.common;

import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A whole-number setting of a step or required action, with its default and bounds: the one
 * place where Vigie reads a number an operator typed. A value outside the bounds is refused where
 * Keycloak lets a provider refuse it at save (required actions, the risk policy, admin REST); one
 * that got in anyway (a realm import, an older version) is brought into the bounds when read, and
 * a value that is no number reads as the default; both are logged.
 */
public record BoundedSetting(String key, int defaultValue, int min, int max) {

    private static final Logger LOG = Logger.getLogger(BoundedSetting.class);

    public BoundedSetting {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
    }

    public int read(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        Long value = number(raw);
        if (value == null) {
            LOG.warnf("Vigie setting %s=%s is not a whole number; using the default %d", key, raw, defaultValue);
            return defaultValue;
        }
        if (value < min || value > max) {
            int bounded = (int) Math.max(min, Math.min(max, value));
            LOG.warnf("Vigie setting %s=%d is outside [%d, %d]; using %d", key, value, min, max, bounded);
            return bounded;
        }
        return value.intValue();
    }

    /** What is wrong with the value set, for a refusal; empty when it is unset or right. */
    public Optional<String> problem(Map<String, String> config) {
        return problem(config == null ? null : config.get(key));
    }

    public Optional<String> problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Long value = number(raw);
        if (value == null || value < min || value > max) {
            return Optional.of(key + " must be a whole number from " + min + " to " + max + " (was '" + raw.trim() + "')");
        }
        return Optional.empty();
    }

    private static Long number(String raw) {
        String trimmed = raw.trim();
        return trimmed.matches("[-+]?[0-9]{1,18}") ? Long.parseLong(trimmed) : null;
    }
}
