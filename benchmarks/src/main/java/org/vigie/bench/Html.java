package org.vigie.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few things the load generator reads from Keycloak's pages: a form's action, an element's
 * text, an attribute. Regular expressions on purpose: an HTML parser would cost the load
 * generator, which shares the machine with the server, more CPU than the pages are worth.
 */
final class Html {

    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");

    private Html() {
    }

    /** The start tag carrying {@code id="…"}. */
    static Optional<String> tagWithId(String html, String id) {
        String marker = "id=\"" + id + "\"";
        int at = html.indexOf(marker);
        if (at < 0) {
            return Optional.empty();
        }
        int start = html.lastIndexOf('<', at);
        int end = html.indexOf('>', at);
        if (start < 0 || end < 0) {
            return Optional.empty();
        }
        String tag = html.substring(start, end + 1);
        return TAG.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }

    /** An attribute of the element with this id, unescaped. */
    static Optional<String> attribute(String html, String id, String attribute) {
        return tagWithId(html, id).flatMap(tag -> {
            Matcher m = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(tag);
            return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
        });
    }

    /** The text right inside the element with this id (no nested elements expected). */
    static Optional<String> text(String html, String id) {
        return tagWithId(html, id).flatMap(tag -> {
            int start = html.indexOf(tag) + tag.length();
            int end = html.indexOf('<', start);
            return end < 0 ? Optional.empty() : Optional.of(unescape(html.substring(start, end)).trim());
        });
    }

    static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int semi = c == '&' ? value.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String entity = value.substring(i + 1, semi);
                String decoded = switch (entity) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> numeric(entity);
                };
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String numeric(String entity) {
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            if (entity.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
