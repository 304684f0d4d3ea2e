package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.tikmatrix.bridge.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classpath schemas under {@code schemas/}: compiled once for validation, and kept as plain JSON so
 * that a validation message can be traced back to the rule text and field types written in them.
 */
final class ScriptSchemas {

    static final List<String> SCRIPTS = List.of("post", "follow", "unfollow", "account_warmup", "comment");

    private static final String BASE_IRI = "https://tikmatrix.io/bridge/schemas/";
    private static final String CLASSPATH_DIR = "schemas/";
    private static final String SHARED = "descriptor";

    private final Map<String, JsonSchema> compiled = new LinkedHashMap<>();
    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final Map<String, Set<String>> configFields = new LinkedHashMap<>();
    private final Set<String> allConfigFields = new TreeSet<>();

    ScriptSchemas() {
        // the $id IRIs are names, not addresses: resolve them (and the $ref between files) from the jar
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_IRI, "classpath:" + CLASSPATH_DIR)));
        documents.put(BASE_IRI + SHARED + ".json", read(SHARED));
        for (String script : SCRIPTS) {
            documents.put(BASE_IRI + script + ".json", read(script));
            JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE_IRI + script + ".json"));
            // compile every validator (and follow every $ref) now, so concurrent validate() calls only read
            schema.initializeValidators();
            compiled.put(script, schema);
            Set<String> fields = new TreeSet<>();
            configProperties(script).fieldNames().forEachRemaining(fields::add);
            configFields.put(script, Collections.unmodifiableSet(fields));
            allConfigFields.addAll(fields);
        }
    }

    boolean supports(String script) {
        return compiled.containsKey(script);
    }

    JsonSchema schema(String script) {
        return compiled.get(script);
    }

    /** The {@code script_config} properties the script's schema declares; missing for an unknown script. */
    JsonNode configProperties(String script) {
        JsonNode document = documents.get(BASE_IRI + script + ".json");
        return document == null ? MissingNode.getInstance() : document.at("/properties/script_config/properties");
    }

    /** The names of {@link #configProperties}; empty for an unknown script. */
    Set<String> configFields(String script) {
        return configFields.getOrDefault(script, Set.of());
    }

    Set<String> allConfigFields() {
        return Collections.unmodifiableSet(allConfigFields);
    }

    /** The schema JSON at {@code location}, or a missing node for a location outside these files. */
    JsonNode nodeAt(SchemaLocation location) {
        JsonNode document = documents.get(String.valueOf(location.getAbsoluteIri()));
        return document == null ? MissingNode.getInstance() : document.at(pointer(location.getFragment()));
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static JsonNode read(String name) {
        String resource = CLASSPATH_DIR + name + ".json";
        try (InputStream in = ScriptSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + resource);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }
}
