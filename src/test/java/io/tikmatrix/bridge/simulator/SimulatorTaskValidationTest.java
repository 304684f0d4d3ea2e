package io.tikmatrix.bridge.simulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /task} is answered by the rules of the TikMatrix API reference, judged by the simulator itself:
 * each rule refuses its body with the documented code and a message naming the field, and what the reference
 * leaves open (unknown fields, numbers written as text, JSON null) is let through.
 */
class SimulatorTaskValidationTest extends RunningSimulatorTest {

    @BeforeEach
    void start() {
        start(SimulatorSettings.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            no script_name              | {"serials": ["s1"], "script_config": {}}                                              | 40002 | script_name is required
            blank script_name           | {"serials": ["s1"], "script_name": " ", "script_config": {}}                          | 40002 | script_name is required
            script_name not a text      | {"serials": ["s1"], "script_name": 7, "script_config": {}}                            | 40001 | script_name must be a text, was 7
            script coming soon          | {"serials": ["s1"], "script_name": "like", "script_config": {}}                       | 40003 | script 'like' is not available through the API
            script only on a branch     | {"serials": ["s1"], "script_name": "profile", "script_config": {}}                    | 40003 | script 'profile' is not available through the API
            neither serials nor names   | {"script_name": "post", "script_config": {}}                                          | 40001 | serials or usernames is required: a non-empty array of texts
            both lists empty            | {"serials": [], "usernames": [], "script_name": "post", "script_config": {}}          | 40001 | serials or usernames is required: a non-empty array of texts
            serials not an array        | {"serials": "s1", "script_name": "post", "script_config": {}}                         | 40001 | serials must be an array of non-blank texts, was "s1"
            usernames with a number     | {"usernames": ["@a", 5], "script_name": "post", "script_config": {}}                  | 40001 | usernames must be an array of non-blank texts, was ["@a",5]
            no script_config            | {"serials": ["s1"], "script_name": "post"}                                            | 40001 | script_config is required and must be an object
            script_config not an object | {"serials": ["s1"], "script_name": "post", "script_config": []}                       | 40001 | script_config is required and must be an object
            follow without target       | {"serials": ["s1"], "script_name": "follow", "script_config": {}}                     | 40001 | script_config.target_users or script_config.target_user is required
            unfollow with empty targets | {"serials": ["s1"], "script_name": "unfollow", "script_config": {"target_users": [], "target_user": " "}} | 40001 | script_config.target_users or script_config.target_user is required
            follow targets not an array | {"serials": ["s1"], "script_name": "follow", "script_config": {"target_users": "@a"}}  | 40001 | script_config.target_users must be an array of non-blank texts, was "@a"
            comment without post url    | {"serials": ["s1"], "script_name": "comment", "script_config": {"comment_content": "hi"}} | 40001 | script_config.target_post_urls or script_config.target_post_url is required
            comment without content     | {"serials": ["s1"], "script_name": "comment", "script_config": {"target_post_url": "https://vm.tiktok.com/x/"}} | 40001 | script_config.comment_content is required
            comment content a list      | {"serials": ["s1"], "script_name": "comment", "script_config": {"target_post_url": "https://vm.tiktok.com/x/", "comment_content": ["hi"]}} | 40001 | script_config.comment_content must be a single value, was ["hi"]
            local folder without path   | {"serials": ["s1"], "script_name": "post", "script_config": {"material_source": "localFolder"}} | 40001 | script_config.material_path is required when material_source is localFolder
            useSound without sound      | {"serials": ["s1"], "script_name": "post", "script_config": {"post_way": "useSound", "sound_name": ""}} | 40001 | script_config.sound_name is required when post_way is useSound
            custom sound without keyword| {"serials": ["s1"], "script_name": "post", "script_config": {"add_sound": "custom"}}   | 40001 | script_config.custom_sound_keyword is required when add_sound is custom
            post number given a word    | {"serials": ["s1"], "script_name": "post", "script_config": {"upload_wait_time": "soon"}} | 40001 | script_config.upload_wait_time must be a number, was "soon"
            post list given a text      | {"serials": ["s1"], "script_name": "post", "script_config": {"material_list": "C:/v.mp4"}} | 40001 | script_config.material_list must be an array of non-blank texts, was "C:/v.mp4"
            warmup number given a word  | {"usernames": ["@a"], "script_name": "account_warmup", "script_config": {"task_duration": "ten minutes"}} | 40001 | script_config.task_duration must be a number, was "ten minutes"
            warmup settings not object  | {"usernames": ["@a"], "script_name": "account_warmup", "script_config": {"chatgpt_settings": "key"}} | 40001 | script_config.chatgpt_settings must be an object, was "key"
            """)
    void aBrokenRuleIsRefusedWithItsCodeAndCreatesNothing(String rule, String body, int code, String message) throws Exception {
        ApiClient.Answer answer = api.post("/task", body);

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isEqualTo(message);
        assertThat(answer.data().isNull()).isTrue();
        assertThat(simulator.tasks()).isEmpty();
        assertThat(simulator.receivedTaskBodies()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            unknown config fields       | {"serials": ["s1"], "script_name": "post", "script_config": {"simulate": "fail", "mood": [1, 2]}} | 1
            number written as text      | {"serials": ["s1"], "script_name": "post", "script_config": {"upload_wait_time": "60", "add_sound": 1}} | 1
            null as absent              | {"serials": ["s1"], "usernames": null, "script_name": "post", "script_config": {"material_path": null, "post_way": "share"}} | 1
            every condition met         | {"serials": ["s1"], "script_name": "post", "script_config": {"material_source": "localFolder", "material_path": "C:/v", "post_way": "useSound", "sound_name": "hit", "add_sound": "custom", "custom_sound_keyword": "rain"}} | 1
            usernames beside no serials | {"serials": [], "usernames": ["@a", "@b"], "script_name": "account_warmup", "script_config": {}} | 2
            follow by single text       | {"serials": ["s1"], "script_name": "follow", "script_config": {"target_users": [], "target_user": "@a, @b"}} | 2
            comment by url list         | {"serials": ["s1"], "script_name": "comment", "script_config": {"target_post_urls": ["https://vm.tiktok.com/x/"], "comment_content": "hi"}} | 1
            """)
    void whatTheReferenceAllowsIsTaken(String rule, String body, int created) throws Exception {
        ApiClient.Answer answer = api.post("/task", body);

        assertThat(answer.code()).as(answer.text()).isZero();
        assertThat(answer.data().path("created_count").asInt()).isEqualTo(created);
        assertThat(simulator.tasks()).hasSize(created);
    }
}
