package io.tikmatrix.bridge.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several simulated TikMatrix PCs in one process, {@code host-1} … {@code host-N}, for tests and for
 * {@code --simulator --hosts N}: each on a free port of 127.0.0.1 with its own
 * {@link SimulatedInventory#DEFAULT_DEVICE_COUNT} phones, the ranges disjoint (host-1 emulator-5554…5573,
 * host-2 emulator-5574…5593, …), one TikTok account per phone. A host can be taken down and brought up again,
 * as a PC that is switched off and on: while down its port refuses connections.
 */
public final class SimulatedFleet implements AutoCloseable {

    private record Member(TikMatrixSimulator simulator, int port) {
    }

    private final Map<String, Member> hosts = new LinkedHashMap<>();

    private SimulatedFleet() {
    }

    /** {@code count} hosts with the default settings and device ranges. */
    public static SimulatedFleet start(int count) {
        return start(count, SimulatorSettings.defaults());
    }

    /** {@code count} hosts with these settings, each with its own device range in place of the settings' book. */
    public static SimulatedFleet start(int count, SimulatorSettings settings) {
        List<SimulatorSettings> each = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SimulatedInventory range = rangeOf(i);
            each.add(settings.withInventory(settings.inventory().withDevices(range.devices()).withAccounts(range.accounts())));
        }
        return start(each);
    }

    /** One host per settings, {@code host-1} with the first: for hosts that differ (a book, an endpoint off). */
    public static SimulatedFleet start(List<SimulatorSettings> settings) {
        SimulatedFleet fleet = new SimulatedFleet();
        try {
            for (int i = 0; i < settings.size(); i++) {
                TikMatrixSimulator simulator = new TikMatrixSimulator(settings.get(i)).start(0);
                fleet.hosts.put("host-" + (i + 1), new Member(simulator, simulator.port()));
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** The default book of the {@code index}-th host, from 0: the next {@link SimulatedInventory#DEFAULT_DEVICE_COUNT} emulators. */
    public static SimulatedInventory rangeOf(int index) {
        return SimulatedInventory.emulators(
                SimulatedInventory.FIRST_EMULATOR_PORT + index * SimulatedInventory.DEFAULT_DEVICE_COUNT,
                SimulatedInventory.DEFAULT_DEVICE_COUNT);
    }

    /** The host names, {@code host-1} first. */
    public List<String> names() {
        return List.copyOf(hosts.keySet());
    }

    public TikMatrixSimulator host(String name) {
        return member(name).simulator();
    }

    /** {@code http://127.0.0.1:<port>/api/v1} of the host, whether it is up or down. */
    public String baseUrl(String name) {
        return "http://127.0.0.1:" + member(name).port() + SimulatorExchangeHandler.API_ROOT;
    }

    /** {@code tikmatrix.hosts.<name>.base-url} for every host: the bridge's configuration of this fleet. */
    public Map<String, String> hostProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        hosts.keySet().forEach(name -> properties.put("tikmatrix.hosts." + name + ".base-url", baseUrl(name)));
        return properties;
    }

    /** Switches the host's PC off: its server stops, so connections to its port are refused. */
    public void down(String name) {
        member(name).simulator().close();
    }

    /** Switches it on again, on the same port, with the tasks and books it had. */
    public void up(String name) {
        Member member = member(name);
        member.simulator().start(member.port());
    }

    @Override
    public void close() {
        hosts.values().forEach(member -> member.simulator().close());
    }

    private Member member(String name) {
        Member member = hosts.get(name);
        if (member == null) {
            throw new IllegalArgumentException("no host " + name + " in this fleet (hosts: " + String.join(", ", hosts.keySet()) + ")");
        }
        return member;
    }
}
