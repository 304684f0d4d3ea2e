package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hosts {@code tikmatrix.hosts.*} declares, and every problem of those keys named at once. */
class FleetConfigTest {

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    @Test
    void noHostDeclaredIsTheOneHostDefaultAtTheBaseUrl() {
        Fleet fleet = Fleet.from(pcs.config(Map.of("tikmatrix.base-url", "http://10.0.0.5:50809/api/v1/")));

        assertThat(fleet.several()).isFalse();
        assertThat(fleet.hosts()).containsExactly(new Host("default", "http://10.0.0.5:50809/api/v1"));
        assertThat(fleet.refreshIntervalMillis()).isEqualTo(Duration.ofSeconds(60).toMillis());
    }

    @Test
    void declaredHostsComeInNameOrderWithTheirStaticMaps() {
        Fleet fleet = Fleet.from(pcs.config(Map.of(
                "tikmatrix.hosts.pc_b.base-url", "http://192.168.1.21:50809/api/v1/",
                "tikmatrix.hosts.pc-a.base-url", "https://pc-a.local/api/v1",
                "tikmatrix.hosts.pc-a.devices", " R58M1 , R58M2,, R58M1 ",
                "tikmatrix.hosts.pc-a.accounts", "shop_one",
                "tikmatrix.hosts.refresh-interval", "2m")));

        assertThat(fleet.several()).isTrue();
        assertThat(fleet.hosts()).containsExactly(new Host("pc-a", "https://pc-a.local/api/v1"),
                new Host("pc_b", "http://192.168.1.21:50809/api/v1"));
        assertThat(fleet.staticDevices("pc-a")).containsExactly("R58M1", "R58M2");
        assertThat(fleet.staticAccounts("pc-a")).containsExactly("shop_one");
        assertThat(fleet.staticDevices("pc_b")).isEmpty();
        assertThat(fleet.refreshIntervalMillis()).isEqualTo(Duration.ofMinutes(2).toMillis());
        assertThat(fleet.host("pc_b").baseUrl()).isEqualTo("http://192.168.1.21:50809/api/v1");
    }

    @Test
    void namesEveryProblemOfTheHostKeys() {
        assertThatThrownBy(() -> Fleet.from(pcs.config(Map.of(
                "tikmatrix.hosts.pc a.base-url", "http://10.0.0.1:50809/api/v1",
                "tikmatrix.hosts.pc-b.baseurl", "http://10.0.0.2:50809/api/v1",
                "tikmatrix.hosts.pc-c.devices", "R58M1",
                "tikmatrix.hosts.pc-d.base-url", "ftp://10.0.0.4/api/v1",
                "tikmatrix.hosts.pc-e.base-url", "",
                "tikmatrix.hosts.pc-f.base-url", "http://10.0.0.6:50809/api/v1"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "tikmatrix.hosts.pc a.base-url: 'pc a' is not a host name (letters, digits, '-' and '_')",
                        "tikmatrix.hosts.pc-b.baseurl: not a key of a host; write tikmatrix.hosts.<name>.base-url, .devices or .accounts",
                        "tikmatrix.hosts.pc-c.devices: host pc-c is not declared; give it tikmatrix.hosts.pc-c.base-url",
                        "tikmatrix.hosts.pc-d.base-url: 'ftp://10.0.0.4/api/v1' is not an http(s) URL with a host",
                        "tikmatrix.hosts.pc-e.base-url: empty; the host's API root, such as http://192.168.1.20:50809/api/v1"));
    }

    @Test
    void aBadRefreshIntervalStopsTheStartWithTheOtherDurations() {
        assertThatThrownBy(() -> pcs.config(Map.of("tikmatrix.hosts.refresh-interval", "PT1M")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "tikmatrix.hosts.refresh-interval: 'PT1M' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)"));
    }

    @Test
    void anUnknownHostNameIsRefusedNamingTheKnownOnes() {
        Fleet fleet = Fleet.from(pcs.config(Map.of(
                "tikmatrix.hosts.pc-a.base-url", "http://10.0.0.1:50809/api/v1",
                "tikmatrix.hosts.pc-b.base-url", "http://10.0.0.2:50809/api/v1")));

        assertThatThrownBy(() -> fleet.host("pc-c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no TikMatrix host named 'pc-c' (hosts: pc-a, pc-b)");
    }
}
