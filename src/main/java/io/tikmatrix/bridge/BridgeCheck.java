package io.tikmatrix.bridge;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.fleet.Fleet;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.schedule.InvalidSchedulesException;
import io.tikmatrix.bridge.schedule.SchedulePreview;
import io.tikmatrix.bridge.schedule.SchedulesFile;
import io.tikmatrix.bridge.schedule.SchedulesLoader;
import io.tikmatrix.bridge.validation.SchemaDescriptorValidator;
import io.tikmatrix.bridge.validation.SecretValues;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --check}: reads everything a start would read (configuration, routes, schedules) and calls
 * nothing, so a user can try an edit, and see when each schedule will fire, before it goes live.
 */
final class BridgeCheck {

    static final int OK = 0;

    private BridgeCheck() {
    }

    /** @return {@link #OK}, or {@link BridgeMain#EXIT_BAD_CONFIGURATION} with every problem printed to {@code err} */
    static int run(Path home, Map<String, String> overrides, Clock clock, PrintStream out, PrintStream err) {
        BridgeConfig config;
        try {
            config = BridgeConfig.load(home, overrides);
            // a fleet's hosts are checked as the start checks them
            Fleet.from(config);
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(p -> err.println("configuration: " + p));
            return BridgeMain.EXIT_BAD_CONFIGURATION;
        }
        List<String> problems = new ArrayList<>(routeProblems(home.resolve("routes")));
        SchedulesFile schedules = null;
        try {
            schedules = new SchedulesLoader(new SchemaDescriptorValidator()).load(config.path("bridge.schedules.file"));
        } catch (InvalidSchedulesException e) {
            e.problems().forEach(p -> problems.add("schedules: " + p));
        }
        if (!problems.isEmpty()) {
            // a schedule's problem may quote its task, ChatGPT key and all
            problems.forEach(problem -> err.println(SecretValues.redact(problem)));
            return BridgeMain.EXIT_BAD_CONFIGURATION;
        }
        out.println("configuration: ok");
        out.println("routes: ok");
        out.println(schedules.missing()
                ? "schedules: none (" + schedules.file() + " does not exist)"
                : "schedules: " + schedules.schedules().size() + " in " + schedules.file());
        out.print(SecretValues.redact(SchedulePreview.render(schedules.schedules(), clock.instant())));
        return OK;
    }

    /** Each route file is parsed into a Camel context that is never started: no consumer runs, no bean is needed. */
    private static List<String> routeProblems(Path routesDir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(routesDir)) {
            return List.of("routes: no folder " + routesDir.toAbsolutePath());
        }
        try (CamelContext context = new DefaultCamelContext(); Stream<Path> files = Files.list(routesDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList()) {
                Resource resource = ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath());
                try {
                    PluginHelper.getRoutesLoader(context).loadRoutes(resource);
                } catch (Exception e) {
                    problems.add("routes: " + file.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (Exception e) {
            problems.add("routes: cannot read " + routesDir.toAbsolutePath() + ": " + e.getMessage());
        }
        return problems;
    }
}
