package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import io.tikmatrix.bridge.validation.SecretValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks a schedules file (README, "Schedules"); an invalid file is rejected as a whole. */
public final class SchedulesLoader {

    private static final String SCHEDULES = "schedules";

    // a key written twice would otherwise silently keep the last value
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ScheduleEntryReader entryReader;

    public SchedulesLoader(DescriptorValidator validator) {
        this.entryReader = new ScheduleEntryReader(validator);
    }

    /**
     * @return no schedules when the file is missing, empty, or has an empty {@code schedules:}
     * @throws InvalidSchedulesException listing every problem found
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public SchedulesFile load(Path file) {
        if (!Files.exists(file)) {
            return SchedulesFile.missing(file);
        }
        List<String> problems = new ArrayList<>();
        List<Schedule> schedules = readSchedules(parse(file), problems);
        if (!problems.isEmpty()) {
            throw new InvalidSchedulesException(file.toString(), problems);
        }
        return new SchedulesFile(file, schedules, false);
    }

    private static JsonNode parse(Path file) {
        try {
            byte[] yaml = Files.readAllBytes(file);
            // the parser's messages quote the YAML around a mistake: the keys of scheduled tasks are known before
            SecretValues.rememberInText(new String(yaml, StandardCharsets.UTF_8));
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidSchedulesException(file.toString(), List.of("not valid YAML: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schedules file " + file, e);
        }
    }

    private List<Schedule> readSchedules(JsonNode root, List<String> problems) {
        if (isNothing(root)) {
            return List.of();
        }
        if (!root.isObject()) {
            problems.add("schedules file: must be a mapping with a 'schedules:' list");
            return List.of();
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!SCHEDULES.equals(key)) {
                problems.add("schedules file, field " + key + ": unknown top-level key (known: schedules)");
            }
        });
        JsonNode list = root.get(SCHEDULES);
        if (isNothing(list)) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("schedules file, field schedules: must be a list");
            return List.of();
        }
        List<Schedule> schedules = new ArrayList<>();
        Map<String, Integer> namesTaken = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            entryReader.read(list.get(i), i + 1, namesTaken, problems).ifPresent(schedules::add);
        }
        return schedules;
    }

    // an empty file, a file of comments only, or "schedules:" with nothing after it
    private static boolean isNothing(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
