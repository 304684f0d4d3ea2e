package io.tikmatrix.bridge.simulator;

import org.junit.jupiter.api.AfterEach;

/** A simulator on a free loopback port and a real HTTP client for it, stopped after each test. */
abstract class RunningSimulatorTest {

    protected TikMatrixSimulator simulator;
    protected ApiClient api;

    protected void start(SimulatorSettings settings) {
        simulator = new TikMatrixSimulator(settings).start(0);
        api = new ApiClient(simulator.baseUrl());
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
