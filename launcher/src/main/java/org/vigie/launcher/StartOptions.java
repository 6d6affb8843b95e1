package org.vigie.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kc.sh} options every Vigie server is started with, read from {@code keycloak.options}
 * (this package's resource; {@code ./vigie} reads the same file from the source tree), section by
 * section, with their {@code ${name}} placeholders filled in.
 */
public final class StartOptions {

    /** Where the file lives in the source tree, for {@code ./vigie}. */
    public static final String RESOURCE = "keycloak.options";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z-]+)}");
    private static final Map<String, List<String>> SECTIONS = parse(read());

    private final List<String> options = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private StartOptions() {
    }

    public static StartOptions of(String... sections) {
        StartOptions options = new StartOptions();
        for (String section : sections) {
            options.add(section);
        }
        return options;
    }

    /** Appends a section's options (in the file's order). */
    public StartOptions add(String section) {
        List<String> lines = SECTIONS.get(section);
        if (lines == null) {
            throw new IllegalArgumentException("No section [" + section + "] in " + RESOURCE + " (has " + SECTIONS.keySet() + ")");
        }
        options.addAll(lines);
        return this;
    }

    /** Appends options of the caller's own, as they are (e.g. {@code ./vigie start -- …}). */
    public StartOptions addRaw(List<String> raw) {
        options.addAll(raw);
        return this;
    }

    public StartOptions with(String name, Object value) {
        values.put(name, String.valueOf(value));
        return this;
    }

    /** The options, every placeholder filled in; a placeholder without a value is an error, not an empty string. */
    public List<String> toList() {
        List<String> out = new ArrayList<>(options.size());
        for (String option : options) {
            Matcher m = PLACEHOLDER.matcher(option);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("No value for ${" + m.group(1) + "} in " + option);
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            out.add(filled.toString());
        }
        return out;
    }

    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
            } else if (current == null) {
                throw new IllegalStateException(RESOURCE + ": option outside a section: " + line);
            } else {
                current.add(line);
            }
        }
        sections.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(sections);
    }

    private static String read() {
        try (InputStream in = StartOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the class path beside " + StartOptions.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
