package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's message bundles (README, "Console"): English and Hindi name the same texts, none empty, and every
 * text the page and its script name is in them, those named by what the API answers too.
 */
class ConsoleMessagesTest {

    private static final Pattern IN_PAGE = Pattern.compile("data-(?:text|label)=\"([^\"]+)\"");
    private static final Pattern IN_SCRIPT = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'\\s*[,)]");

    @Test
    void bothLanguagesHaveEveryTextThePageNames() throws IOException {
        JsonNode english = BridgeHarness.JSON.readTree(read("messages/en.json"));
        JsonNode hindi = BridgeHarness.JSON.readTree(read("messages/hi.json"));
        Set<String> named = new TreeSet<>(keys(IN_PAGE, read("index.html")));
        named.addAll(keys(IN_SCRIPT, read("console.js")));

        assertThat(fieldNames(hindi)).isEqualTo(fieldNames(english));
        assertThat(fieldNames(english)).containsAll(named);
        english.fields().forEachRemaining(text -> assertThat(text.getValue().asText()).as(text.getKey()).isNotBlank());
        hindi.fields().forEachRemaining(text -> assertThat(text.getValue().asText()).as(text.getKey()).isNotBlank());
        // the texts the script names by what the API answers: every licence state, dead-letter key the API lists
        // (what it means and what to do about it),
        // state of a firing, task status and receipt outcome
        for (LicenceGate.State state : LicenceGate.State.values()) {
            assertThat(english.has("intake.why." + state.name().toLowerCase(Locale.ROOT))).as(state.name()).isTrue();
        }
        BridgeConfig.DEAD_LETTER_KEYS.stream().filter(key -> !key.equals("unreadable"))
                .forEach(key -> assertThat(english.has("dead.key." + key) && english.has("dead.todo." + key)).as(key).isTrue());
        for (SubmissionJournal.State state : SubmissionJournal.State.values()) {
            assertThat(english.has("status." + state.name().toLowerCase(Locale.ROOT))).as(state.name()).isTrue();
        }
        Stream.concat(Stream.of("none", "pending", "running", "completed", "failed"), BridgeMetrics.OUTCOMES.stream())
                .forEach(word -> assertThat(english.has("status." + word)).as(word).isTrue());
        // and by the kind of file a descriptor came from (its place: a CSV row, a JSON Lines line, a JSON item)
        Stream.of("row", "line", "item", "entry").forEach(word -> assertThat(english.has("source." + word)).as(word).isTrue());
        // Hindi, not English copied: Devanagari in the texts of the views
        assertThat(hindi.path("view.files").asText()).isEqualTo("फ़ाइलें");
        assertThat(hindi.path("intake.why.held_licence").asText()).containsPattern("\\p{IsDevanagari}");
    }

    private static Set<String> fieldNames(JsonNode bundle) {
        Set<String> names = new TreeSet<>();
        bundle.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> keys(Pattern pattern, String text) {
        List<String> keys = new ArrayList<>();
        Matcher key = pattern.matcher(text);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static String read(String name) throws IOException {
        try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream("/console/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
