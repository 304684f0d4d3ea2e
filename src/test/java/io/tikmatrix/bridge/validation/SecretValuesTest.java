package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which values in text and JSON count as secrets, and how they are hidden (values are unique per test: the set is process-wide). */
class SecretValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKeyInTextThatDoesNotParseIsKnownInEveryForm() {
        SecretValues.rememberInText("{\"api_key\": \"sk-cut-off-here");
        SecretValues.rememberInText("{\"api_key\": 98765432101234, \"model\": ");
        SecretValues.rememberInText("task:\n  api_key: yaml-key-5566\n");

        assertThat(SecretValues.redact("saw sk-cut-off-here, 98765432101234 and yaml-key-5566"))
                .isEqualTo("saw ***, *** and ***");
    }

    @Test
    void shortValuesAndJsonWordsAreNoSecrets() {
        SecretValues.rememberInText("{\"api_key\": \"abc\"} {\"api_key\": true} {\"api_key\": null}");

        assertThat(SecretValues.redact("abc true null")).isEqualTo("abc true null");
    }

    @Test
    void anyValueUnderAnApiKeyFieldOfParsedJsonIsKnownAndJsonStaysValidWhenHidden() throws Exception {
        SecretValues.rememberIn(JSON.readTree("{\"a\": [{\"api_key\": {\"value\": \"obj-\\\"key\\\"-77\"}}]}"));

        var hidden = SecretValues.redact(JSON.readTree("{\"note\": \"was obj-\\\"key\\\"-77\", \"n\": [\"obj-\\\"key\\\"-77\"]}"));

        assertThat(hidden.toString()).isEqualTo("{\"note\":\"was ***\",\"n\":[\"***\"]}");
        assertThat(SecretValues.redact("logged as {\"api_key\":\"obj-\\\"key\\\"-77\"}")).isEqualTo("logged as {\"api_key\":\"***\"}");
    }
}
