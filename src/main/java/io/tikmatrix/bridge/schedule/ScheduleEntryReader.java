package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one entry of the {@code schedules:} list. It reports every problem of the entry, not just the
 * first, so that one start shows the user everything to fix.
 */
final class ScheduleEntryReader {

    private static final List<String> KNOWN_KEYS =
            List.of("name", "cron", "timezone", "misfire", "enabled", "jitter", "task");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private final DescriptorValidator validator;

    ScheduleEntryReader(DescriptorValidator validator) {
        this.validator = validator;
    }

    /**
     * @param number     the entry's 1-based position, which names it when its own name cannot
     * @param namesTaken valid names of earlier entries, with their numbers; this entry's name is added
     * @param problems   where problems go
     * @return the schedule when the entry has no problem
     */
    Optional<Schedule> read(JsonNode entry, int number, Map<String, Integer> namesTaken, List<String> problems) {
        if (!entry.isObject()) {
            problems.add("schedule #" + number + ": must be a mapping with name, cron and task");
            return Optional.empty();
        }
        int problemsBefore = problems.size();
        Entry e = new Entry(entry, number, problems);
        String name = e.name(namesTaken);
        e.unknownKeys();
        String cron = e.cron();
        ZoneId timezone = e.optional("timezone", ScheduleEntryReader::zone).orElseGet(ZoneId::systemDefault);
        Misfire misfire = e.optional("misfire", ScheduleEntryReader::misfire).orElse(Misfire.FIRE_ONCE);
        Boolean enabled = e.enabled();
        Duration jitter = e.optional("jitter", BridgeConfig::parseDuration).orElse(Duration.ZERO);
        ObjectNode task = e.task();
        if (problems.size() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Schedule(name, cron, timezone, misfire, enabled, jitter, task));
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a known IANA time zone (" + ex.getMessage() + ")");
        }
    }

    private static Misfire misfire(String text) {
        return Misfire.fromText(text).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not one of fire-once, skip"));
    }

    /** The entry being read, with the label its problems carry. */
    private final class Entry {
        private final JsonNode node;
        private final int number;
        private final List<String> problems;
        private String label;

        Entry(JsonNode node, int number, List<String> problems) {
            this.node = node;
            this.number = number;
            this.problems = problems;
            this.label = "schedule #" + number;
        }

        /** Reads the name first, so that all later problems can carry it. */
        String name(Map<String, Integer> namesTaken) {
            Optional<String> text = text("name");
            if (text.isEmpty()) {
                if (absent("name")) {
                    report("name", "is required");
                }
                return null;
            }
            String name = text.get();
            if (!NAME.matcher(name).matches()) {
                report("name", "'" + name + "' must match [a-z0-9-]+");
                return null;
            }
            Integer earlier = namesTaken.get(name);
            if (earlier != null) {
                report("name", "'" + name + "' is already the name of schedule #" + earlier);
                return null;
            }
            namesTaken.put(name, number);
            label = "schedule '" + name + "'";
            return name;
        }

        void unknownKeys() {
            node.fieldNames().forEachRemaining(key -> {
                if (!KNOWN_KEYS.contains(key)) {
                    report(key, "unknown key (known: " + String.join(", ", KNOWN_KEYS) + ")");
                }
            });
        }

        String cron() {
            Optional<String> text = text("cron");
            if (text.isEmpty()) {
                if (absent("cron")) {
                    report("cron", "is required");
                }
                return null;
            }
            try {
                new CronExpression(text.get());
                return text.get();
            } catch (ParseException ex) {
                report("cron", "'" + text.get() + "' is not a valid Quartz cron (" + ex.getMessage() + ")");
                return null;
            }
        }

        Boolean enabled() {
            if (absent("enabled")) {
                return true;
            }
            JsonNode value = node.get("enabled");
            if (!value.isBoolean()) {
                report("enabled", "'" + value.asText() + "' must be true or false");
                return null;
            }
            return value.booleanValue();
        }

        ObjectNode task() {
            if (absent("task")) {
                report("task", "is required (a descriptor, as in an inbox .json file)");
                return null;
            }
            JsonNode value = node.get("task");
            if (!value.isObject()) {
                report("task", "must be a mapping (a descriptor, as in an inbox .json file)");
                return null;
            }
            ObjectNode task = (ObjectNode) value;
            validator.validate(task).ifPresent(r -> report("task", r.code() + " " + r.reason()));
            return task;
        }

        /** A text field that may be left out; a value {@code parse} rejects is reported with its message. */
        <T> Optional<T> optional(String field, Function<String, T> parse) {
            Optional<String> text = text(field);
            try {
                return text.map(parse);
            } catch (IllegalArgumentException ex) {
                report(field, ex.getMessage());
                return Optional.empty();
            }
        }

        /** The field as text; empty (and reported) when it is a list or mapping, empty when absent. */
        private Optional<String> text(String field) {
            if (absent(field)) {
                return Optional.empty();
            }
            JsonNode value = node.get(field);
            if (value.isContainerNode()) {
                report(field, "must be a single value, not a list or mapping");
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        // "field:" with nothing after it reads as null; it means the same as leaving the field out
        private boolean absent(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull();
        }

        private void report(String field, String message) {
            problems.add(label + ", field " + field + ": " + message);
        }
    }
}
