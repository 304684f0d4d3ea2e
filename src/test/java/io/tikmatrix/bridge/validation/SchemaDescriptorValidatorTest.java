package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
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

    private static final Map<String, String> DESCRIPTORS =
            Map.of("POST", POST, "FOLLOW", FOLLOW, "UNFOLLOW", UNFOLLOW, "WARMUP", WARMUP, "COMMENT", COMMENT);

    /**
     * Each row: a valid descriptor of the class, edited (see {@link #edited}) into one that breaks a rule, and the
     * code and reason it is rejected with.
     */
    @ParameterizedTest(name = "{0}: {1} with {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing script name is 40002           | POST     | -script_name                    | 40002 | script_name: required
            null script name is 40002              | POST     | script_name = null              | 40002 | script_name: required
            blank script name is 40002             | POST     | script_name = "  "              | 40002 | script_name: required
            a script the API does not take, 40003  | POST     | script_name = "like"            | 40003 | script_name: script 'like' is not available through the API
            a script the API does not take, 40003  | POST     | script_name = "message"         | 40003 | script_name: script 'message' is not available through the API
            non-text script name is 40001          | POST     | script_name = 7                 | 40001 | script_name: expected string, got integer
            missing serials and usernames is 40001 | POST     | -serials                        | 40001 | serials/usernames: one of them must be a non-empty list
            empty serials is 40001                 | POST     | serials = []                    | 40001 | serials/usernames: one of them must be a non-empty list
            blank serial is 40001                  | POST     | serials = ["emulator-5554", ""] | 40001 | serials[1]: must not be empty
            empty usernames is 40001               | FOLLOW   | usernames = []                  | 40001 | serials/usernames: one of them must be a non-empty list
            start time must be HH:MM               | POST     | start_time = "24:00"            | 40001 | start_time: must be a time HH:MM between 00:00 and 23:59
            start time must be HH:MM               | POST     | start_time = "9:05"             | 40001 | start_time: must be a time HH:MM between 00:00 and 23:59
            start time must be HH:MM               | POST     | start_time = "12:60"            | 40001 | start_time: must be a time HH:MM between 00:00 and 23:59
            start time must be HH:MM               | POST     | start_time = "12:30:00"         | 40001 | start_time: must be a time HH:MM between 00:00 and 23:59
            start time must be HH:MM               | POST     | start_time = "noon"             | 40001 | start_time: must be a time HH:MM between 00:00 and 23:59
            missing script_config is 40001         | COMMENT  | -script_config                  | 40001 | script_config: required
            script_config must be an object        | POST     | script_config = "content_type=0" | 40001 | script_config: expected object, got string
            wrong types name the field and both types | POST  | script_config.upload_wait_time = "60"; enable_multi_account = "yes" | 40001 | enable_multi_account: expected boolean, got string; script_config.upload_wait_time: expected integer, got string
            a wrong type hides the enum check      | POST     | script_config.content_type = "1" | 40001 | script_config.content_type: expected integer, got string
            enums and ranges are checked           | POST     | script_config.post_way = "upload"; script_config.add_sound_volume = 101; script_config.content_type = 2 | 40001 | script_config.add_sound_volume: must be between 0 and 100; script_config.content_type: must be one of 0, 1; script_config.post_way: must be one of share, addButton, useSound
            add_sound takes string or integer      | POST     | script_config.add_sound = true  | 40001 | script_config.add_sound: expected string or integer, got boolean
            material_path required for localFolder | POST     | -script_config.material_path    | 40001 | script_config.material_path: required when material_source is localFolder
            material_path required for localFolder | POST     | script_config.material_path = "" | 40001 | script_config.material_path: required when material_source is localFolder
            sound_name required for useSound       | POST     | -script_config.sound_name       | 40001 | script_config.sound_name: required when post_way is useSound
            custom_sound_keyword required for custom sound | POST | -script_config.custom_sound_keyword | 40001 | script_config.custom_sound_keyword: required when add_sound is custom
            follow needs a target                  | FOLLOW   | -script_config.target_users     | 40001 | script_config.target_users/target_user: one of them is required when script_name is follow (a non-empty list or name)
            follow needs a target                  | FOLLOW   | script_config.target_users = []; script_config.target_user = "" | 40001 | script_config.target_users/target_user: one of them is required when script_name is follow (a non-empty list or name)
            unfollow needs a target                | UNFOLLOW | -script_config.target_user      | 40001 | script_config.target_users/target_user: one of them is required when script_name is unfollow (a non-empty list or name)
            unfollow needs a target                | UNFOLLOW | script_config.target_users = []; script_config.target_user = "" | 40001 | script_config.target_users/target_user: one of them is required when script_name is unfollow (a non-empty list or name)
            access method is direct or search      | FOLLOW   | script_config.access_method = "browse" | 40001 | script_config.access_method: must be one of direct, search
            a comment needs content                | COMMENT  | -script_config.comment_content  | 40001 | script_config.comment_content: required when script_name is comment
            a comment needs a post URL             | COMMENT  | -script_config.target_post_urls | 40001 | script_config.target_post_urls/target_post_url: one of them is required when script_name is comment (a non-empty list or URL)
            ChatGPT needs its key                  | WARMUP   | -script_config.chatgpt_settings.api_key | 40001 | script_config.chatgpt_settings.api_key: required when generate_by_chatgpt is true
            ChatGPT needs its key                  | WARMUP   | -script_config.chatgpt_settings | 40001 | script_config.chatgpt_settings.api_key: required when generate_by_chatgpt is true
            warm-up probabilities and temperature have ranges | WARMUP | script_config.floow_probable = -1; script_config.chatgpt_settings.temperature = 2.5 | 40001 | script_config.chatgpt_settings.temperature: must be between 0 and 2; script_config.floow_probable: must be between 0 and 100
            id is string or integer                | POST     | id = true                       | 40001 | id: expected string or integer, got boolean
            """)
    void rejects(String rule, String descriptor, String edits, String code, String reason) {
        Optional<Rejection> rejection = VALIDATOR.validate(edited(descriptor, edits));

        assertThat(rejection).isPresent();
        assertThat(rejection.get().code()).isEqualTo(code);
        assertThat(rejection.get().reason()).isEqualTo(reason);
        assertThat(rejection.get().httpStatus()).isNull();
    }

    /** Each row: a valid descriptor of the class, as it is or edited within the rules. */
    @ParameterizedTest(name = "{0}: {1} with {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a valid descriptor of each script      | POST     |
            a valid descriptor of each script      | FOLLOW   |
            a valid descriptor of each script      | UNFOLLOW |
            a valid descriptor of each script      | WARMUP   |
            a valid descriptor of each script      | COMMENT  |
            usernames mode needs no serials        | POST     | -serials; usernames = ["@creator"]
            add_sound takes string or integer      | POST     | script_config.add_sound = -1
            material_path only for localFolder     | POST     | script_config.material_path = ""; script_config.material_source = "materialLibrary"
            a single post URL will do              | COMMENT  | -script_config.target_post_urls; script_config.target_post_url = "https://vm.tiktok.com/ZMabc/"
            ChatGPT's key only when generating     | WARMUP   | -script_config.chatgpt_settings; script_config.generate_by_chatgpt = false
            """)
    void accepts(String rule, String descriptor, String edits) {
        assertThat(VALIDATOR.validate(edited(descriptor, edits))).isEmpty();
    }

    @Test
    void unknownFieldsPassValidationAndAreListed() {
        ObjectNode descriptor = edited("POST", "priority = \"high\"; script_config.new_api_field = 1; script_config.another = \"x\"");
        assertThat(VALIDATOR.validate(descriptor)).isEmpty();
        assertThat(VALIDATOR.unknownConfigFields(descriptor)).containsExactly("another", "new_api_field");
        assertThat(VALIDATOR.unknownConfigFields(edited("COMMENT", null))).isEmpty();
        assertThat(VALIDATOR.unknownConfigFields(edited("POST", "script_name = \"like\""))).isEmpty();
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
                        edited("COMMENT", i % 2 == 0 ? null : "-serials")))
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

    /**
     * The descriptor named by {@code name}, edited: {@code a.b = <JSON>} sets field b of object a, {@code -a.b}
     * removes it; edits are separated by {@code ;}.
     */
    private static ObjectNode edited(String name, String edits) {
        ObjectNode descriptor = (ObjectNode) parse(DESCRIPTORS.get(name));
        if (edits == null) {
            return descriptor;
        }
        for (String edit : edits.split(";")) {
            boolean remove = edit.strip().startsWith("-");
            String path = remove ? edit.strip().substring(1) : edit.substring(0, edit.indexOf('=')).strip();
            ObjectNode parent = descriptor;
            String[] names = path.split("\\.");
            for (int i = 0; i < names.length - 1; i++) {
                parent = (ObjectNode) parent.get(names[i]);
            }
            if (remove) {
                parent.remove(names[names.length - 1]);
            } else {
                parent.set(names[names.length - 1], parse(edit.substring(edit.indexOf('=') + 1)));
            }
        }
        return descriptor;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
