package io.tikmatrix.bridge;

import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.schedule.InvalidSchedulesException;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar target/tikmatrix-bridge.jar [--simulator] [--check] [--home <dir>]} (see {@link CommandLine#help()}),
 * or {@code bin/tikmatrix-bridge} of the distribution, which passes {@code --home}. Exit code 2: the bridge cannot run as configured (each problem is printed with its key, or its schedule and
 * field), or something it needs cannot be had (a port taken, a store that cannot be opened). Either way
 * nothing is left running: a bridge never runs half-started.
 */
public final class BridgeMain {

    static final int EXIT_BAD_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMain.class);

    private BridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine options;
        try {
            options = CommandLine.parse(Arrays.asList(args), System.getenv(CommandLine.HOME_VARIABLE));
        } catch (CommandLine.Refused e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        if (options.has(CommandLine.HELP)) {
            System.out.print(CommandLine.help());
            return;
        }
        if (options.has(CommandLine.VERSION)) {
            System.out.println("tikmatrix-bridge " + StartBanner.version());
            return;
        }
        Path home = options.home();
        Map<String, String> overrides = new HashMap<>();
        if (options.has(CommandLine.CHECK)) {
            System.exit(BridgeCheck.run(home, overrides, Clock.systemUTC(), System.out, System.err));
        }
        if (options.has(CommandLine.SIMULATOR) && baseUrlSetOutsideFiles()) {
            System.err.println("configuration: tikmatrix.base-url is set by the environment or -D, above the simulator's"
                    + " address --simulator would give it; unset it to run with the simulator");
            System.exit(EXIT_BAD_CONFIGURATION);
        }
        AutoCloseable simulator = options.has(CommandLine.SIMULATOR) ? startSimulator(options.hosts(), overrides) : () -> { };
        Bridge bridge;
        try {
            bridge = Bridge.start(home, overrides);
        } catch (InvalidConfigurationException e) {
            refuse("configuration", e.problems(), simulator);
            return;
        } catch (InvalidSchedulesException e) {
            refuse("schedules", e.problems(), simulator);
            return;
        } catch (Exception e) {
            refuse("start", List.of(causes(e)), simulator);
            return;
        }
        StartBanner.lines(bridge.config()).forEach(LOG::info);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                bridge.close();
                simulator.close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "bridge-shutdown"));
        stopped.await();
    }

    private static void refuse(String what, List<String> problems, AutoCloseable simulator) throws Exception {
        problems.forEach(p -> System.err.println(what + ": " + p));
        simulator.close();
        System.exit(EXIT_BAD_CONFIGURATION);
    }

    /** The messages of an exception and its causes, so the operator reads what failed without a stack trace. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    /**
     * Camel's environment-variable and system-property modes put those layers above the override properties
     * --simulator sets: a bridge meant for the simulator would create real tasks.
     */
    private static boolean baseUrlSetOutsideFiles() {
        return IOHelper.lookupEnvironmentVariable("tikmatrix.base-url") != null || System.getProperty("tikmatrix.base-url") != null;
    }

    /**
     * --simulator: an embedded TikMatrix on a free local port, so the whole product runs with no TikMatrix installed;
     * with --hosts, that many, as a fleet of PCs with 20 phones each.
     */
    private static AutoCloseable startSimulator(int hosts, Map<String, String> overrides) {
        if (hosts > 1) {
            SimulatedFleet fleet = SimulatedFleet.start(hosts);
            overrides.putAll(fleet.hostProperties());
            return fleet;
        }
        TikMatrixSimulator simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);
        overrides.put("tikmatrix.base-url", simulator.baseUrl());
        return simulator;
    }
}
