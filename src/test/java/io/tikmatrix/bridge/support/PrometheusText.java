package io.tikmatrix.bridge.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reading the Prometheus text of /observe/metrics, and checking it with promtool. */
public final class PrometheusText {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private PrometheusText() {
    }

    /**
     * The samples of one metric, by their label set as written ({@code {outcome="submitted",source="inbox"}}, or
     * {@code ""} for none).
     */
    public static Map<String, Double> samples(String text, String metric) {
        Map<String, Double> samples = new TreeMap<>();
        text.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " ")).forEach(line -> {
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(metric.length(), split), Double.parseDouble(line.substring(split + 1)));
        });
        return samples;
    }

    /** The value of one sample, {@code metric{labels}} as written; it must be there. */
    public static double value(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no sample " + series + " in the metrics"));
    }

    /** The {@code # TYPE} the text gives a metric. */
    public static String type(String text, String metric) {
        return text.lines().filter(line -> line.startsWith("# TYPE " + metric + " ")).findFirst()
                .map(line -> line.substring(("# TYPE " + metric + " ").length()))
                .orElseThrow(() -> new AssertionError("no # TYPE for " + metric));
    }

    /** What {@code promtool check metrics} said: exit code 1 for text it cannot parse, 3 for lint problems only. */
    public record Promtool(int exitCode, List<String> lines) {

        /** The lint problems of metrics whose names start with {@code prefix}. */
        public List<String> problemsOf(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).toList();
        }
    }

    /**
     * Runs {@code promtool check metrics} (Debian's {@code prometheus} package, which .ci/run installs) on the text.
     * Without promtool the test is skipped, saying so; with {@code CI=true} it fails instead.
     */
    public static Promtool promtool(String text) {
        if (!Files.isExecutable(PROMTOOL)) {
            String why = "No " + PROMTOOL + " to check the exposition format (apt-get install prometheus).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + " CI=true, so this fails instead of being skipped.");
            }
            Assumptions.assumeTrue(false, why);
        }
        try {
            Path input = Files.createTempFile("metrics", ".txt");
            try {
                Files.writeString(input, text, StandardCharsets.UTF_8);
                Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                        .redirectInput(input.toFile()).redirectErrorStream(true).start();
                String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
                    promtool.destroyForcibly();
                    throw new IllegalStateException("promtool did not finish");
                }
                return new Promtool(promtool.exitValue(), output.lines().toList());
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
