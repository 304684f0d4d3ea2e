package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values seen in descriptors, so that everything the bridge writes (log lines, reasons,
 * receipts, dead letters, events, {@code --check}) can hide them by VALUE. Masking by field
 * ({@link SecretMasker}) needs parsed JSON; a cell or line that does not parse, a parser message, or an
 * API answer that echoes its input would otherwise show the key in clear.
 *
 * <p>Process-wide because the log layer has no other way to reach it; bounded (least recently seen
 * values are forgotten first) because a long-running bridge reads an unbounded number of descriptors.
 */
public final class SecretValues {

    /** Shorter values would mask ordinary words and numbers everywhere, and are no real key anyway. */
    static final int MIN_LENGTH = 4;
    static final int CAPACITY = 4096;

    /**
     * The value after {@code api_key:} or {@code api_key=} in text that may not parse: a quoted string up to
     * its closing quote or the end of the text (a truncated line), or an unquoted number or word (YAML, or
     * a wrong type).
     */
    private static final Pattern IN_TEXT = Pattern.compile(
            "[\"']?" + SecretMasker.SECRET_FIELD + "[\"']?\\s*[:=]\\s*"
                    + "(?:\"((?:[^\"\\\\]|\\\\.)*\\\\?)(?:\"|$)|'([^']*)(?:'|$)|([^\\s,;}\\]\"']+))",
            Pattern.CASE_INSENSITIVE);

    /** JSON words an unquoted match may catch; masking them would hide every true, false and null. */
    private static final Set<String> LITERALS = Set.of("true", "false", "null");

    private static final Map<String, Boolean> KNOWN = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A copy of the known values, longest first so a key that contains another is hidden whole. */
    private static volatile String[] longestFirst = new String[0];

    private SecretValues() {
    }

    /** Remembers every value of an {@code api_key} field, at any depth and of any type, in a parsed descriptor. */
    public static void rememberIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (SecretMasker.SECRET_FIELD.equals(field.getKey())) {
                    rememberLeaves(field.getValue());
                } else {
                    rememberIn(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(SecretValues::rememberIn);
        }
    }

    /** Remembers whatever looks like the value of an {@code api_key} in raw text that did not (or may not) parse. */
    public static void rememberInText(String raw) {
        if (raw == null || !raw.toLowerCase(Locale.ROOT).contains(SecretMasker.SECRET_FIELD)) {
            return;
        }
        Matcher m = IN_TEXT.matcher(raw);
        while (m.find()) {
            for (int group = 1; group <= 3; group++) {
                if (m.group(group) != null) {
                    remember(m.group(group).trim());
                }
            }
        }
    }

    /** {@code raw} with its secrets hidden, those it shows itself included: for text about to be quoted in a message. */
    public static String maskRaw(String raw) {
        rememberInText(raw);
        return redact(raw);
    }

    /** {@code text} with every known secret value replaced by {@code ***}. */
    public static String redact(String text) {
        String[] secrets = longestFirst;
        if (text == null || secrets.length == 0) {
            return text;
        }
        String redacted = text;
        for (String secret : secrets) {
            if (redacted.contains(secret)) {
                redacted = redacted.replace(secret, SecretMasker.MASK);
            }
        }
        return redacted;
    }

    /**
     * {@code node} with every string {@link #redact(String) redacted}, as a copy (or {@code node} itself while
     * no secret is known: do not change the result). JSON about to be written is hidden value by value,
     * never as text, so it stays valid JSON whatever the key holds.
     */
    public static JsonNode redact(JsonNode node) {
        if (node == null || longestFirst.length == 0) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(object.textNode(redact(field.getValue().textValue())));
                } else {
                    redactInPlace(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(redact(array.get(i).textValue())));
                } else {
                    redactInPlace(array.get(i));
                }
            }
        }
    }

    /** An {@code api_key} holding an object or a list instead of a string: every value inside is the secret's. */
    private static void rememberLeaves(JsonNode value) {
        if (value.isContainerNode()) {
            value.forEach(SecretValues::rememberLeaves);
        } else if (value.isTextual() || value.isNumber()) {
            String text = value.asText();
            remember(text);
            // a log line may show the descriptor as JSON text, where the key appears escaped
            remember(new String(JsonStringEncoder.getInstance().quoteAsString(text)));
        }
    }

    private static void remember(String value) {
        if (value.length() < MIN_LENGTH || LITERALS.contains(value.toLowerCase(Locale.ROOT))) {
            return;
        }
        synchronized (KNOWN) {
            if (KNOWN.put(value, Boolean.TRUE) == null) {
                String[] secrets = KNOWN.keySet().toArray(String[]::new);
                Arrays.sort(secrets, Comparator.comparingInt(String::length).reversed());
                longestFirst = secrets;
            }
        }
    }
}
