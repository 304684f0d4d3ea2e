package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDescriptorValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaDescriptorValidator VALIDATOR = new SchemaDescriptorValidator();

    private static final String POST = """
            {"id": "launch-1", "serials": ["emulator-5554"], "script_name": "post", "enable_multi_account": false,
             "start_time": "09:05",
             "script_config": {"content_type": 0, "captions": "नमस्ते दुनिया 🙏🔥 {नया|ताज़ा} वीडियो #हिंदी",
                               "post_way": "useSound", "sound_name": "Desi Beat 🎵", "add_sound": "custom",
                               "custom_sound_keyword": "बॉलीवुड", "material_source": "localFolder",
                               "material_path": "C:/Videos/हिंदी", "material_list": ["C:/Videos/video1.mp4"],
                               "upload_wait_time": 60, "origin_sound_volume": 0, "add_sound_volume": 100,
                               "add_product_link": 1, "placement": "story"}}
            """;
    private static final String FOLLOW = """
            {"usernames": ["@राहुल_official", "@user2"], "script_name": "follow",
             "script_config": {"target_users": ["@tikmatrix", "@कलाकार😀"], "access_method": "search"}}
            """;
    private static final String UNFOLLOW = """
            {"serials": ["R58M123"], "script_name": "unfollow", "id": 42,
             "script_config": {"target_user": "@a,@b"}}
            """;
    private static final String WARMUP = """
            {"serials": ["R58M123"], "script_name": "account_warmup", "start_time": "23:59",
             "script_config": {"task_duration": 600, "topic": "खाना\\nyoga 🧘", "like_probable": 100,
                               "floow_probable": 0, "collect_probable": 12.5, "comment_probable": 30,
                               "comment": "बहुत बढ़िया! 👏\\nwow", "insert_emoji": true, "comment_order": "sequential",
                               "generate_by_chatgpt": true,
                               "chatgpt_settings": {"api_key": "sk-test", "model": "gpt-4", "temperature": 2,
                                                    "max_tokens": 100}}}
            """;
    private static final String COMMENT = """
            {"serials": ["R58M123"], "script_name": "comment",
             "script_config": {"target_post_urls": ["https://www.tiktok.com/@user/video/123"],
                               "comment_content": "शानदार वीडियो 😍\\nकमाल है 🔥", "comment_order": "random"}}
            """;

    @ParameterizedTest
    @ValueSource(strings = {POST, FOLLOW, UNFOLLOW, WARMUP, COMMENT})
    void acceptsAValidDescriptorOfEachScript(String descriptor) {
        assertThat(VALIDATOR.validate(parse(descriptor))).isEmpty();
    }

    @Test
    void missingScriptNameIs40002() {
        assertRejected(without(POST, "script_name"), "40002", "script_name: required");
        assertRejected(with(POST, "script_name", null), "40002", "script_name: required");
        assertRejected(with(POST, "script_name", "  "), "40002", "script_name: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"like", "message"})
    void scriptTheApiDoesNotTakeIs40003(String script) {
        assertRejected(with(POST, "script_name", script), "40003",
                "script_name: script '" + script + "' is not available through the API");
    }

    @Test
    void nonTextScriptNameIs40001() {
        ObjectNode descriptor = parse(POST);
        descriptor.put("script_name", 7);
        assertRejected(descriptor, "40001", "script_name: expected string, got integer");
    }

    @Test
    void missingSerialsAndUsernamesIs40001() {
        assertRejected(without(POST, "serials"), "40001", "serials/usernames: one of them must be a non-empty list");
    }

    @Test
    void emptySerialsIs40001() {
        ObjectNode descriptor = parse(POST);
        descriptor.putArray("serials");
        assertRejected(descriptor, "40001", "serials/usernames: one of them must be a non-empty list");
    }

    @Test
    void blankSerialIs40001() {
        ObjectNode descriptor = parse(POST);
        descriptor.putArray("serials").add("emulator-5554").add("");
        assertRejected(descriptor, "40001", "serials[1]: must not be empty");
    }

    @Test
    void usernamesModeNeedsNoSerials() {
        ObjectNode descriptor = without(POST, "serials");
        descriptor.putArray("usernames").add("@creator");
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
    }

    @Test
    void emptyUsernamesIs40001() {
        ObjectNode descriptor = parse(FOLLOW);
        descriptor.putArray("usernames");
        assertRejected(descriptor, "40001", "serials/usernames: one of them must be a non-empty list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "9:05", "12:60", "12:30:00", "noon"})
    void startTimeMustBeHoursAndMinutes(String time) {
        assertRejected(with(POST, "start_time", time), "40001",
                "start_time: must be a time HH:MM between 00:00 and 23:59");
    }

    @Test
    void missingScriptConfigIs40001() {
        assertRejected(without(COMMENT, "script_config"), "40001", "script_config: required");
    }

    @Test
    void scriptConfigMustBeAnObject() {
        assertRejected(with(POST, "script_config", "content_type=0"), "40001", "script_config: expected object, got string");
    }

    @Test
    void wrongTypesNameTheFieldAndBothTypes() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).put("upload_wait_time", "60");
        descriptor.put("enable_multi_account", "yes");
        assertRejected(descriptor, "40001",
                "enable_multi_account: expected boolean, got string; script_config.upload_wait_time: expected integer, got string");
    }

    @Test
    void wrongTypeHidesTheEnumCheckOfTheSameField() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).put("content_type", "1");
        assertRejected(descriptor, "40001", "script_config.content_type: expected integer, got string");
    }

    @Test
    void enumsAndRangesAreChecked() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).put("post_way", "upload").put("add_sound_volume", 101).put("content_type", 2);
        assertRejected(descriptor, "40001", "script_config.add_sound_volume: must be between 0 and 100; "
                + "script_config.content_type: must be one of 0, 1; "
                + "script_config.post_way: must be one of share, addButton, useSound");
    }

    @Test
    void addSoundTakesStringOrInteger() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).put("add_sound", -1);
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
        config(descriptor).put("add_sound", true);
        assertRejected(descriptor, "40001", "script_config.add_sound: expected string or integer, got boolean");
    }

    @Test
    void materialPathRequiredForLocalFolder() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).remove("material_path");
        assertRejected(descriptor, "40001", "script_config.material_path: required when material_source is localFolder");
        config(descriptor).put("material_path", "");
        assertRejected(descriptor, "40001", "script_config.material_path: required when material_source is localFolder");
        config(descriptor).put("material_source", "materialLibrary");
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
    }

    @Test
    void soundNameRequiredForUseSound() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).remove("sound_name");
        assertRejected(descriptor, "40001", "script_config.sound_name: required when post_way is useSound");
    }

    @Test
    void customSoundKeywordRequiredForCustomSound() {
        ObjectNode descriptor = parse(POST);
        config(descriptor).remove("custom_sound_keyword");
        assertRejected(descriptor, "40001", "script_config.custom_sound_keyword: required when add_sound is custom");
    }

    @ParameterizedTest
    @ValueSource(strings = {FOLLOW, UNFOLLOW})
    void followAndUnfollowNeedATarget(String source) {
        ObjectNode descriptor = parse(source);
        config(descriptor).remove("target_users");
        config(descriptor).remove("target_user");
        String script = descriptor.get("script_name").asText();
        String reason = "script_config.target_users/target_user: one of them is required when script_name is "
                + script + " (a non-empty list or name)";
        assertRejected(descriptor, "40001", reason);
        config(descriptor).putArray("target_users");
        config(descriptor).put("target_user", "");
        assertRejected(descriptor, "40001", reason);
    }

    @Test
    void accessMethodIsDirectOrSearch() {
        ObjectNode descriptor = parse(FOLLOW);
        config(descriptor).put("access_method", "browse");
        assertRejected(descriptor, "40001", "script_config.access_method: must be one of direct, search");
    }

    @Test
    void commentNeedsContent() {
        ObjectNode descriptor = parse(COMMENT);
        config(descriptor).remove("comment_content");
        assertRejected(descriptor, "40001", "script_config.comment_content: required when script_name is comment");
    }

    @Test
    void commentNeedsAPostUrl() {
        ObjectNode descriptor = parse(COMMENT);
        config(descriptor).remove("target_post_urls");
        assertRejected(descriptor, "40001", "script_config.target_post_urls/target_post_url: "
                + "one of them is required when script_name is comment (a non-empty list or URL)");
        config(descriptor).put("target_post_url", "https://vm.tiktok.com/ZMabc/");
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
    }

    @Test
    void chatgptKeyRequiredWhenGeneratingComments() {
        ObjectNode descriptor = parse(WARMUP);
        ((ObjectNode) config(descriptor).get("chatgpt_settings")).remove("api_key");
        assertRejected(descriptor, "40001",
                "script_config.chatgpt_settings.api_key: required when generate_by_chatgpt is true");
        config(descriptor).remove("chatgpt_settings");
        assertRejected(descriptor, "40001",
                "script_config.chatgpt_settings.api_key: required when generate_by_chatgpt is true");
        config(descriptor).put("generate_by_chatgpt", false);
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
    }

    @Test
    void warmupProbabilitiesAndTemperatureHaveRanges() {
        ObjectNode descriptor = parse(WARMUP);
        config(descriptor).put("floow_probable", -1);
        ((ObjectNode) config(descriptor).get("chatgpt_settings")).put("temperature", 2.5);
        assertRejected(descriptor, "40001", "script_config.chatgpt_settings.temperature: must be between 0 and 2; "
                + "script_config.floow_probable: must be between 0 and 100");
    }

    @Test
    void idIsStringOrInteger() {
        assertRejected(with(POST, "id", "x").put("id", true), "40001", "id: expected string or integer, got boolean");
    }

    @Test
    void unknownFieldsPassValidationAndAreListed() {
        ObjectNode descriptor = parse(POST);
        descriptor.put("priority", "high");
        config(descriptor).put("new_api_field", 1).put("another", "x");
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
        assertThat(VALIDATOR.unknownConfigFields(descriptor)).containsExactly("another", "new_api_field");
        assertThat(VALIDATOR.unknownConfigFields(parse(COMMENT))).isEmpty();
        assertThat(VALIDATOR.unknownConfigFields(with(POST, "script_name", "like"))).isEmpty();
    }

    @Test
    void typeOfReadsTheSchema() {
        assertThat(VALIDATOR.typeOf("post", "content_type")).isEqualTo(FieldType.INTEGER);
        assertThat(VALIDATOR.typeOf("post", "captions")).isEqualTo(FieldType.STRING);
        assertThat(VALIDATOR.typeOf("post", "material_list")).isEqualTo(FieldType.ARRAY);
        assertThat(VALIDATOR.typeOf("post", "add_sound")).isEqualTo(FieldType.ANY);
        assertThat(VALIDATOR.typeOf("follow", "target_users")).isEqualTo(FieldType.ARRAY);
        assertThat(VALIDATOR.typeOf("comment", "target_post_urls")).isEqualTo(FieldType.ARRAY);
        assertThat(VALIDATOR.typeOf("account_warmup", "like_probable")).isEqualTo(FieldType.NUMBER);
        assertThat(VALIDATOR.typeOf("account_warmup", "insert_emoji")).isEqualTo(FieldType.BOOLEAN);
        assertThat(VALIDATOR.typeOf("account_warmup", "chatgpt_settings")).isEqualTo(FieldType.OBJECT);
        assertThat(VALIDATOR.typeOf("post", "no_such_field")).isEqualTo(FieldType.UNKNOWN);
        assertThat(VALIDATOR.typeOf("like", "captions")).isEqualTo(FieldType.UNKNOWN);
    }

    @Test
    void validatesConcurrently() throws Exception {
        List<Callable<Optional<Rejection>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> (Callable<Optional<Rejection>>) () -> VALIDATOR.validate(
                        i % 2 == 0 ? parse(COMMENT) : without(COMMENT, "serials")))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Rejection>>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                Optional<Rejection> result = results.get(i).get();
                if (i % 2 == 0) {
                    assertThat(result).isEmpty();
                } else {
                    assertThat(result).get().extracting(Rejection::reason)
                            .isEqualTo("serials/usernames: one of them must be a non-empty list");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRejected(ObjectNode descriptor, String code, String reason) {
        Optional<Rejection> rejection = VALIDATOR.validate(descriptor);
        assertThat(rejection).isPresent();
        assertThat(rejection.get().code()).isEqualTo(code);
        assertThat(rejection.get().reason()).isEqualTo(reason);
        assertThat(rejection.get().httpStatus()).isNull();
    }

    private static ObjectNode config(ObjectNode descriptor) {
        return (ObjectNode) descriptor.get("script_config");
    }

    private static ObjectNode without(String json, String field) {
        ObjectNode descriptor = parse(json);
        descriptor.remove(field);
        return descriptor;
    }

    private static ObjectNode with(String json, String field, String value) {
        ObjectNode descriptor = parse(json);
        descriptor.put(field, value);
        return descriptor;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
