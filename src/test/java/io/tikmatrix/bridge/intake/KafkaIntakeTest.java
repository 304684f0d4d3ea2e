package io.tikmatrix.bridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Properties;

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
    void aRecordOfJsonLinesBecomesTasksDeadLettersAndOneReceipt() throws Exception {
        KAFKA.createTopic("descriptors", 1);
        send("descriptors", RECORD);
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
    void aRecordReadAgainMakesNoSecondTask() throws Exception {
        KAFKA.createTopic("again", 1);
        send("again", RECORD);
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
    void aRecordDoneIsCommittedAndNotReadAgainAfterARestart() throws Exception {
        KAFKA.createTopic("committed", 1);
        send("committed", RECORD);
        bridge.with("bridge.intake.endpoints", "kafka:committed?brokers=" + KAFKA.bootstrapServers()).start();
        bridge.awaitReceipt("kafka-committed@committed-0-0.jsonl");

        bridge.restart();
        send("committed", "{\"serials\": [\"s4\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");

        // one partition is read in order: the first record, were it read again, would be done before the second
        assertThat(bridge.awaitReceipt("kafka-committed@committed-0-1.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.dir("receipts").resolve("kafka-committed@committed-0-0.2.jsonl.receipt.json")).doesNotExist();
        assertThat(bridge.tasks()).hasSize(3);
    }

    private static void send(String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }
}
