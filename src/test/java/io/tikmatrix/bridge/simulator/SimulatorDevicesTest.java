package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /rpc/devices}: the online phones of the device book with a busy flag, in each shape, or no endpoint at all. */
class SimulatorDevicesTest extends RunningSimulatorTest {

    private static final SimulatedInventory THREE = SimulatedInventory.emulators(5554, 3);

    @Test
    void listsTheTwentyDefaultEmulatorsAsSerialObjects() throws Exception {
        start(SimulatorSettings.defaults());

        ApiClient.Answer answer = api.get("/rpc/devices");

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.code()).isZero();
        assertThat(answer.json().path("message").asText()).isEqualTo("success");
        JsonNode data = answer.data();
        assertThat(data.isArray()).isTrue();
        assertThat(data).extracting(device -> device.path("serial").asText())
                .containsExactlyElementsOf(serials(5554, 20));
        assertThat(data.get(0).toString()).isEqualTo("{\"serial\":\"emulator-5554\",\"busy\":false}");
    }

    @Test
    void leavesOfflinePhonesOutAndSaysWhichPhoneIsRunningATask() throws Exception {
        start(SimulatorSettings.defaults().withPendingFor(Duration.ZERO).withRunningFor(Duration.ofHours(1))
                .withInventory(THREE.withOffline("emulator-5555")));
        api.createTasks("""
                {"serials": ["emulator-5556"], "script_name": "post", "script_config": {}}""");

        assertThat(api.get("/rpc/devices").data().toString()).isEqualTo(
                "[{\"serial\":\"emulator-5554\",\"busy\":false},{\"serial\":\"emulator-5556\",\"busy\":true}]");
    }

    @Test
    void listsUdidObjectsUnderDevicesWhenSoSet() throws Exception {
        start(SimulatorSettings.defaults().withInventory(
                THREE.withDeviceListShape(SimulatedInventory.DeviceListShape.UDID_OBJECTS_UNDER_DEVICES)));

        assertThat(api.get("/rpc/devices").data().toString()).isEqualTo("{\"devices\":["
                + "{\"udid\":\"emulator-5554\",\"online\":true,\"busy\":false},"
                + "{\"udid\":\"emulator-5555\",\"online\":true,\"busy\":false},"
                + "{\"udid\":\"emulator-5556\",\"online\":true,\"busy\":false}]}");
    }

    @Test
    void listsBareSerialsWhenSoSet() throws Exception {
        start(SimulatorSettings.defaults().withInventory(
                THREE.withDeviceListShape(SimulatedInventory.DeviceListShape.SERIAL_TEXTS)));

        assertThat(api.get("/rpc/devices").data().toString())
                .isEqualTo("[\"emulator-5554\",\"emulator-5555\",\"emulator-5556\"]");
    }

    @Test
    void answersABare404AsAnOlderTikMatrixWhenSwitchedOffAndCountsTheRequest() throws Exception {
        start(SimulatorSettings.defaults().withInventory(THREE.withDevicesEndpoint(false)));

        ApiClient.Answer answer = api.get("/rpc/devices");

        assertThat(answer.httpStatus()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("404 page not found");
        assertThat(simulator.requestCount("GET", "/rpc/devices")).isEqualTo(1);
        assertThat(api.get("/accounts").code()).isZero();
    }

    @Test
    void listsAPhonePluggedInWhileRunning() throws Exception {
        start(SimulatorSettings.defaults().withInventory(THREE));

        simulator.plugIn(new SimulatedInventory.Device("R58M123ABC", true));

        assertThat(api.get("/rpc/devices").data()).extracting(device -> device.path("serial").asText())
                .containsExactly("emulator-5554", "emulator-5555", "emulator-5556", "R58M123ABC");
    }

    static List<String> serials(int first, int count) {
        return java.util.stream.IntStream.range(first, first + count).mapToObj(port -> "emulator-" + port).toList();
    }
}
