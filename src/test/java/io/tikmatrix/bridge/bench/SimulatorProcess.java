package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;

/**
 * The simulator in a JVM of its own, so the benchmark measures the bridge's heap and not the
 * simulator's book of a million tasks. Prints its base URL, then serves until stdin closes.
 */
public final class SimulatorProcess {

    private SimulatorProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (TikMatrixSimulator simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0)) {
            System.out.println("BASE_URL " + simulator.baseUrl());
            System.out.flush();
            while (System.in.read() != -1) {
                // serve until the benchmark closes our stdin
            }
        }
    }
}
