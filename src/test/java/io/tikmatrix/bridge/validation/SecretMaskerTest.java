package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void masksTheChatgptKeyAndLeavesTheInputAlone() throws Exception {
        ObjectNode descriptor = (ObjectNode) JSON.readTree("""
                {"serials": ["R58M123"], "script_name": "account_warmup",
                 "script_config": {"comment": "बहुत बढ़िया 👏", "generate_by_chatgpt": true,
                                   "chatgpt_settings": {"api_key": "sk-secret", "model": "gpt-4"}}}
                """);
        ObjectNode before = descriptor.deepCopy();

        ObjectNode masked = SecretMasker.mask(descriptor);

        assertThat(masked.at("/script_config/chatgpt_settings/api_key").asText()).isEqualTo("***");
        assertThat(masked.at("/script_config/chatgpt_settings/model").asText()).isEqualTo("gpt-4");
        assertThat(masked.at("/script_config/comment").asText()).isEqualTo("बहुत बढ़िया 👏");
        assertThat(masked.toString()).doesNotContain("sk-secret");
        assertThat(descriptor).isEqualTo(before);
        assertThat(descriptor.at("/script_config/chatgpt_settings/api_key").asText()).isEqualTo("sk-secret");
    }

    @Test
    void masksApiKeyAtAnyDepthIncludingInsideArrays() throws Exception {
        ObjectNode descriptor = (ObjectNode) JSON.readTree("""
                {"api_key": "top", "script_config": {"accounts": [{"api_key": "nested", "name": "a"}],
                 "other": {"deeper": {"api_key": 12345}}}}
                """);

        ObjectNode masked = SecretMasker.mask(descriptor);

        assertThat(masked.get("api_key").asText()).isEqualTo("***");
        assertThat(masked.at("/script_config/accounts/0/api_key").asText()).isEqualTo("***");
        assertThat(masked.at("/script_config/accounts/0/name").asText()).isEqualTo("a");
        assertThat(masked.at("/script_config/other/deeper/api_key").asText()).isEqualTo("***");
    }

    @Test
    void leavesANullApiKeyNull() throws Exception {
        ObjectNode descriptor = (ObjectNode) JSON.readTree("""
                {"script_config": {"chatgpt_settings": {"api_key": null}}}
                """);

        assertThat(SecretMasker.mask(descriptor).at("/script_config/chatgpt_settings/api_key").isNull()).isTrue();
    }

    @Test
    void rejectsANonObject() {
        assertThatThrownBy(() -> SecretMasker.mask(JSON.createArrayNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
    }
}
