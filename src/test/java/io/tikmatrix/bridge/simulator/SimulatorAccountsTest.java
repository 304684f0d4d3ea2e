package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /accounts} as API reference 4.11 has it: the account book, filtered and paged, or no endpoint at all. */
class SimulatorAccountsTest extends RunningSimulatorTest {

    @Test
    void answersEveryDocumentedFieldOfAnAccount() throws Exception {
        start(SimulatorSettings.defaults().withInventory(SimulatedInventory.emulators(5554, 2).withOffline("emulator-5555")));

        JsonNode accounts = api.get("/accounts").data().path("accounts");

        assertThat(accounts.get(0).toString()).isEqualTo("{\"id\":1,\"username\":\"user_5554\",\"email\":null,"
                + "\"platform\":\"tiktok\",\"packagename\":null,\"device\":\"emulator-5554\",\"device_online\":true,"
                + "\"device_name\":\"Android Emulator emulator-5554\",\"logined\":1,\"logined_text\":\"logged_in\","
                + "\"status\":0,\"status_text\":\"enabled\",\"tags\":[]}");
        assertThat(accounts.get(1).path("device_online").asBoolean()).isFalse();
        assertThat(accounts.get(1).path("device_name").asText()).isEmpty();
    }

    @Test
    void pagesFromOneTwentyByDefaultAtMostAHundred() throws Exception {
        start(SimulatorSettings.defaults().withInventory(SimulatedInventory.emulators(5554, 130)));

        JsonNode first = api.get("/accounts").data();
        assertThat(first.path("accounts")).extracting(account -> account.path("username").asText())
                .containsExactlyElementsOf(usernames(5554, 20));
        assertThat(first.path("total").asInt()).isEqualTo(130);
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("page_size").asInt()).isEqualTo(20);

        JsonNode capped = api.get("/accounts?page=2&page_size=500").data();
        assertThat(capped.path("page_size").asInt()).isEqualTo(100);
        assertThat(capped.path("accounts")).extracting(account -> account.path("username").asText())
                .containsExactlyElementsOf(usernames(5654, 30));

        assertThat(api.get("/accounts?page=3&page_size=100").data().path("accounts")).isEmpty();
        assertThat(api.get("/accounts?page=0").code()).isEqualTo(40001);
    }

    @Test
    void filtersByPlatformDeviceLoginedStatusAndTag() throws Exception {
        start(SimulatorSettings.defaults().withInventory(SimulatedInventory.emulators(5554, 1).withAccounts(List.of(
                new SimulatedInventory.Account(1, "tt_a", "tiktok", "emulator-5554", true, 0, List.of("warm")),
                new SimulatedInventory.Account(2, "ig_a", "instagram", "emulator-5554", true, 0, List.of()),
                new SimulatedInventory.Account(3, "tt_b", "tiktok", "emulator-5555", false, 1, List.of("warm", "new"))))));

        assertThat(usernames("/accounts?platform=instagram")).containsExactly("ig_a");
        assertThat(usernames("/accounts?device=emulator-5555")).containsExactly("tt_b");
        assertThat(usernames("/accounts?logined=1")).containsExactly("tt_a", "ig_a");
        assertThat(usernames("/accounts?status=1")).containsExactly("tt_b");
        assertThat(usernames("/accounts?tag=warm&platform=tiktok")).containsExactly("tt_a", "tt_b");
        assertThat(api.get("/accounts?tag=new").data().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void answersABare404AsAnOlderTikMatrixWhenSwitchedOff() throws Exception {
        start(SimulatorSettings.defaults().withInventory(SimulatedInventory.defaults().withAccountsEndpoint(false)));

        ApiClient.Answer answer = api.get("/accounts?page=1&page_size=100");

        assertThat(answer.httpStatus()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("404 page not found");
        assertThat(api.get("/rpc/devices").code()).isZero();
    }

    private List<String> usernames(String path) throws Exception {
        List<String> usernames = new ArrayList<>();
        api.get(path).data().path("accounts").forEach(account -> usernames.add(account.path("username").asText()));
        return usernames;
    }

    private static List<String> usernames(int first, int count) {
        return SimulatorDevicesTest.serials(first, count).stream().map(serial -> "user_" + serial.substring("emulator-".length()))
                .toList();
    }
}
