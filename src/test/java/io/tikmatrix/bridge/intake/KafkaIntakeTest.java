package io.tikmatrix.bridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka record of JSON Lines takes the inbox's way: one task per valid line, a dead letter for an invalid one,
 * a receipt for the record, keys by topic, partition and offset; read again, the record makes no second task; once
 * done, its offset is committed.
 */
class KafkaIntakeTest {

    private static final String RECORD = """
            {"serials": ["s1"], "script_name": "account_warmup", "script_config": {}}
            {"serials": ["s2"], "script_name": "no_such_script", "script_config": {}}
            {"id": "order-9", "serials": ["s3"], "script_name": "account_warmup", "script_config": {}}
            """;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aRecordOfJsonLinesBecomesTasksDeadLettersAndOneReceipt() {
        KAFKA.createTopic("descriptors", 1);
        KAFKA.send("descriptors", RECORD);
        bridge.with("bridge.intake.endpoints", "kafka:descriptors?brokers=" + KAFKA.bootstrapServers()).start();

        JsonNode receipt = bridge.awaitReceipt("kafka-descriptors@descriptors-0-0.jsonl");

        assertThat(receipt.path("descriptors")).extracting(line -> line.path("key").asText() + " " + line.path("outcome").asText())
                .containsExactly("kafka-descriptors@descriptors-0-0#1 submitted",
                        "kafka-descriptors@descriptors-0-0#2 dead-lettered",
                        "order-9 submitted");
        assertThat(bridge.tasks()).extracting(task -> task.serial()).containsExactlyInAnyOrder("s1", "s3");
        assertThat(bridge.awaitDeadLetters("40003", 1)).singleElement()
                .satisfies(record -> assertThat(record.path("key").asText()).isEqualTo("kafka-descriptors@descriptors-0-0#2"));
    }

    @Test
    void aRecordThatIsNoJsonAtAllIsSetAsideWholeAndTheNextOneIsRead() {
        KAFKA.createTopic("broken", 1);
        KAFKA.send("broken", "   ");
        KAFKA.send("broken", "{\"serials\": [\"s5\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");
        bridge.with("bridge.intake.endpoints", "kafka:broken?brokers=" + KAFKA.bootstrapServers()).start();

        assertThat(bridge.awaitReceipt("kafka-broken@broken-0-1.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        JsonNode report = BridgeHarness.awaitWritten(bridge.dir("deadletter/unreadable").resolve("kafka-broken@broken-0-0.json.error.json"));
        assertThat(report.path("reason").asText()).isEqualTo("kafka-broken@broken-0-0.json: empty");
        assertThat(bridge.dir("deadletter/unreadable").resolve("kafka-broken@broken-0-0.json")).hasContent("   ");
    }

    @Test
    void aRecordReadAgainMakesNoSecondTask() {
        KAFKA.createTopic("again", 1);
        KAFKA.send("again", RECORD);
        String uri = "kafka:again?brokers=" + KAFKA.bootstrapServers();
        bridge.with("bridge.intake.endpoints", uri).start();
        bridge.awaitReceipt("kafka-again@again-0-0.jsonl");

        // a new consumer group reads the topic from its start: the record comes again, as after a lost commit
        bridge.stop();
        bridge.with("bridge.intake.endpoints", uri + "&groupId=another").start();
        JsonNode second = bridge.awaitReceipt("kafka-again@again-0-0.2.jsonl");

        assertThat(second.path("summary").path("duplicate").asInt()).isEqualTo(2);
        assertThat(second.path("summary").path("dead_lettered").asInt()).isEqualTo(1);
        assertThat(bridge.tasks()).hasSize(2);
    }

    @Test
    void aRecordDoneIsCommittedAndNotReadAgainAfterARestart() {
        KAFKA.createTopic("committed", 1);
        KAFKA.send("committed", RECORD);
        bridge.with("bridge.intake.endpoints", "kafka:committed?brokers=" + KAFKA.bootstrapServers()).start();
        bridge.awaitReceipt("kafka-committed@committed-0-0.jsonl");

        bridge.restart();
        KAFKA.send("committed", "{\"serials\": [\"s4\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");

        // one partition is read in order: the first record, were it read again, would be done before the second
        assertThat(bridge.awaitReceipt("kafka-committed@committed-0-1.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.dir("receipts").resolve("kafka-committed@committed-0-0.2.jsonl.receipt.json")).doesNotExist();
        assertThat(bridge.tasks()).hasSize(3);
    }
}
