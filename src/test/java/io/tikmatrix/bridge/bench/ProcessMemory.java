package io.tikmatrix.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of another process, as Linux reports it in {@code /proc/<pid>/status}: what the
 * operating system gives the JVM, heap and everything else (metaspace, code cache, thread stacks).
 * Other systems report -1 (printed n/a).
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long rssKb(ProcessHandle process) {
        return field(process, "VmRSS:");
    }

    /** The peak since the process started or since {@link #resetPeak}. */
    static long peakKb(ProcessHandle process) {
        return field(process, "VmHWM:");
    }

    /** Linux resets the peak to the current resident size when "5" is written to clear_refs. */
    static void resetPeak(ProcessHandle process) {
        Path clearRefs = Path.of("/proc", Long.toString(process.pid()), "clear_refs");
        try {
            if (Files.exists(clearRefs)) {
                Files.writeString(clearRefs, "5");
            }
        } catch (IOException e) {
            System.out.println("cannot reset the peak resident size (" + e.getMessage() + "); the peak includes the warm-up");
        }
    }

    static String mb(long kb) {
        return kb < 0 ? "n/a" : (kb / 1024) + " MB";
    }

    private static long field(ProcessHandle process, String name) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            if (!Files.exists(status)) {
                return -1;
            }
            return Files.readAllLines(status).stream().filter(l -> l.startsWith(name))
                    .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0]))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
