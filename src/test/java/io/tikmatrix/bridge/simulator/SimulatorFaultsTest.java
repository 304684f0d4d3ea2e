package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SimulatorFaultsTest extends RunningSimulatorTest {

    private static final String POST_ON_S1 = """
            {"serials": ["s1"], "script_name": "post", "script_config": {}}""";

    @BeforeEach
    void start() {
        start(SimulatorSettings.defaults());
    }

    @Test
    void failNextAnswersTheErrorEnvelopeThatManyTimesThenRecovers() throws Exception {
        simulator.faults().failNext(2, "POST", "/task", Fault.errorEnvelope(50001, 500));

        ApiClient.Answer first = api.post("/task", POST_ON_S1);
        ApiClient.Answer second = api.post("/task", POST_ON_S1);
        ApiClient.Answer third = api.post("/task", POST_ON_S1);

        assertThat(first.httpStatus()).isEqualTo(500);
        assertThat(first.code()).isEqualTo(50001);
        assertThat(second.code()).isEqualTo(50001);
        assertThat(third.code()).isZero();
        assertThat(simulator.tasks()).hasSize(1);
        assertThat(simulator.receivedTaskBodies()).hasSize(1);
        assertThat(simulator.requestCount("POST", "/task")).isEqualTo(3);
    }

    @Test
    void errorEnvelopeMayComeWithAnyHttpStatus() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40001, 400))
                .failNext(1, "POST", "/task", Fault.errorEnvelope(40001, 200));

        ApiClient.Answer withBadRequest = api.post("/task", POST_ON_S1);
        ApiClient.Answer withOk = api.post("/task", POST_ON_S1);

        assertThat(withBadRequest.httpStatus()).isEqualTo(400);
        assertThat(withBadRequest.code()).isEqualTo(40001);
        assertThat(withOk.httpStatus()).isEqualTo(200);
        assertThat(withOk.code()).isEqualTo(40001);
    }

    @Test
    void failAlwaysHitsOnlyMatchingRequestsUntilCleared() throws Exception {
        simulator.faults().failAlways("GET", "/task", Fault.rawStatus(503, "Service Unavailable"));

        ApiClient.Answer list = api.get("/task");
        ApiClient.Answer detail = api.get("/task/1000");
        ApiClient.Answer create = api.post("/task", POST_ON_S1);
        ApiClient.Answer license = api.get("/license/check");
        simulator.faults().clear();

        assertThat(list.httpStatus()).isEqualTo(503);
        assertThat(list.text()).isEqualTo("Service Unavailable");
        assertThat(detail.httpStatus()).isEqualTo(503);
        assertThat(create.code()).isZero();
        assertThat(license.code()).isZero();
        assertThat(api.get("/task").httpStatus()).isEqualTo(200);
    }

    @Test
    void delayRunsTheClientIntoItsTimeout() throws Exception {
        simulator.faults().failNext(1, "GET", "/task/stats", Fault.delay(Duration.ofSeconds(2)));
        ApiClient impatient = new ApiClient(simulator.baseUrl(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.get("/task/stats")).isInstanceOf(HttpTimeoutException.class);
        assertThat(impatient.get("/task/stats").code()).isZero();
    }

    @Test
    void delayedRequestIsStillAnswered() throws Exception {
        simulator.faults().failNext(1, "GET", "/license/check", Fault.delay(Duration.ofMillis(200)));

        long started = System.nanoTime();
        ApiClient.Answer answer = api.get("/license/check");

        assertThat(answer.code()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void droppedConnectionGivesTheClientNoResponse() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.dropConnection());

        assertThatThrownBy(() -> api.post("/task", POST_ON_S1)).isInstanceOf(IOException.class);
        assertThat(simulator.tasks()).isEmpty();
        assertThat(api.post("/task", POST_ON_S1).code()).isZero();
    }

    @Test
    void lateAnswerRunsTheClientIntoItsTimeoutAlthoughTheTaskWasCreated() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(10)));
        ApiClient impatient = new ApiClient(simulator.baseUrl(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.post("/task", POST_ON_S1)).isInstanceOf(HttpTimeoutException.class);

        // long before the answer is due: a Delay would not have created the task yet
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(simulator.tasks()).hasSize(1));
        assertThat(simulator.receivedTaskBodies()).hasSize(1);
        assertThat(simulator.requestCount("POST", "/task")).isEqualTo(1);
    }

    @Test
    void lateAnswerStillReachesAPatientClient() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofMillis(300)));

        long started = System.nanoTime();
        ApiClient.Answer answer = api.post("/task", POST_ON_S1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(answer.code()).isZero();
        assertThat(answer.data().path("task_ids")).extracting(JsonNode::asLong)
                .containsExactly(simulator.tasks().get(0).id());
    }

    @Test
    void dropAfterHandlingCreatesTheTaskButGivesTheClientNoResponse() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.dropAfterHandling());

        assertThatThrownBy(() -> api.post("/task", POST_ON_S1))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);

        assertThat(simulator.tasks()).hasSize(1);
        assertThat(simulator.requestCount("POST", "/task")).isEqualTo(1);
        assertThat(api.post("/task", POST_ON_S1).code()).isZero();
        assertThat(simulator.tasks()).hasSize(2);
    }

    @Test
    void droppedConnectionAlsoFailsAPlainUrlConnection() throws Exception {
        simulator.faults().failAlways("GET", "/license/check", Fault.dropConnection());
        HttpURLConnection connection = (HttpURLConnection) URI.create(simulator.baseUrl() + "/license/check").toURL().openConnection();
        connection.setReadTimeout(5000);

        assertThatThrownBy(connection::getResponseCode).isInstanceOf(IOException.class);
    }

    @Test
    void droppedConnectionIsNoHttpResponseForApacheHttpClient() throws Exception {
        simulator.faults().failNext(1, "POST", "/task", Fault.dropConnection());
        HttpPost post = new HttpPost(simulator.baseUrl() + "/task");
        post.setEntity(new StringEntity(POST_ON_S1, ContentType.APPLICATION_JSON));

        try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
            assertThatThrownBy(() -> client.execute(post, response -> response.getCode()))
                    .isInstanceOf(NoHttpResponseException.class);
        }
    }

    @Test
    void planWithoutApiAccessRefusesEveryEndpointWith40301() throws Exception {
        simulator.faults().setPlan(false);

        for (ApiClient.Answer answer : new ApiClient.Answer[] {
                api.get("/license/check"), api.post("/task", POST_ON_S1), api.get("/task"), api.get("/task/stats")}) {
            assertThat(answer.httpStatus()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo(40301);
            assertThat(answer.json().path("message").asText()).isEqualTo("API access requires Pro plan or higher");
        }
        assertThat(simulator.tasks()).isEmpty();

        simulator.faults().setPlan(true);
        assertThat(api.get("/license/check").code()).isZero();
    }

    @Test
    void errorEnvelopesCanCarryTheHttpStatusOfTheirCode() throws Exception {
        simulator.faults().httpStatusFromCode(true);

        ApiClient.Answer unknown = api.get("/task/4242");
        ApiClient.Answer rejected = api.post("/task", "{\"serials\": [\"s1\"], \"script_name\": \"like\"}");

        assertThat(unknown.httpStatus()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo(40401);
        assertThat(rejected.httpStatus()).isEqualTo(400);
        assertThat(rejected.code()).isEqualTo(40003);
    }
}
