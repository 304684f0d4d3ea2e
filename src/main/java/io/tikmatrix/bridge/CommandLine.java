package io.tikmatrix.bridge;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The launcher's options (README, "Command line"). Unknown options and a {@code --home} that is no folder are
 * refused: a typo must not start a bridge that reads another folder than meant.
 *
 * @param home  the bridge's directory: {@code --home}, else the environment's {@code BRIDGE_HOME}, else the
 *              working directory
 * @param hosts how many TikMatrix PCs {@code --simulator} simulates: {@code --hosts}, else 1
 */
record CommandLine(Set<String> flags, Path home, int hosts) {

    static final String SIMULATOR = "--simulator";
    static final String CHECK = "--check";
    static final String HELP = "--help";
    static final String VERSION = "--version";
    static final String HOME = "--home";
    static final String HOME_VARIABLE = "BRIDGE_HOME";
    static final String HOSTS = "--hosts";
    /** A fleet to try things on, not to measure: each simulated PC is a server in this JVM. */
    private static final int MAX_SIMULATED_HOSTS = 9;

    private static final List<String> FLAGS = List.of(SIMULATOR, CHECK, HELP, VERSION);

    /** A command line that cannot be run as given; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param args        as the JVM got them
     * @param environment {@code BRIDGE_HOME}'s value, or null
     */
    static CommandLine parse(List<String> args, String environment) throws Refused {
        Set<String> flags = new HashSet<>();
        String home = null;
        String hosts = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (arg.equals(HOSTS) && i + 1 < args.size()) {
                hosts = args.get(++i);
            } else if (arg.startsWith(HOSTS + "=")) {
                hosts = arg.substring(HOSTS.length() + 1);
            } else if (arg.equals(HOME) && i + 1 < args.size()) {
                home = args.get(++i);
            } else if (arg.startsWith(HOME + "=")) {
                home = arg.substring(HOME.length() + 1);
            } else if (arg.equals(HOME)) {
                throw new Refused(HOME + " needs a folder: " + HOME + " <dir>");
            } else {
                throw new Refused("unknown option " + arg
                        + " (known: --simulator, --hosts <n>, --check, --home <dir>, --version, --help)");
            }
        }
        if (hosts != null && !flags.contains(SIMULATOR)) {
            throw new Refused(HOSTS + " says how many TikMatrix PCs --simulator simulates; a real fleet is declared with"
                    + " tikmatrix.hosts.<name>.base-url");
        }
        String chosen = home != null ? home : environment != null && !environment.isBlank() ? environment : "";
        return new CommandLine(flags, folder(chosen, home != null ? HOME : HOME_VARIABLE), hosts == null ? 1 : count(hosts));
    }

    private static int count(String hosts) throws Refused {
        try {
            int n = Integer.parseInt(hosts);
            if (n >= 1 && n <= MAX_SIMULATED_HOSTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new Refused(HOSTS + " takes a number of PCs from 1 to " + MAX_SIMULATED_HOSTS + ", not '" + hosts + "'");
    }

    private static Path folder(String text, String source) throws Refused {
        try {
            Path folder = Path.of(text).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new Refused(source + ": " + folder + " is not a folder");
            }
            return folder;
        } catch (InvalidPathException e) {
            throw new Refused(source + ": '" + text + "' is not a path (" + e.getMessage() + ")");
        }
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** What {@code --help} prints: every option and the keys a first run is most likely to need. */
    static String help() {
        return """
                usage: tikmatrix-bridge [--simulator [--hosts <n>]] [--home <dir>]
                       tikmatrix-bridge --check [--home <dir>]
                       tikmatrix-bridge --version | --help

                  (no option)     run against the TikMatrix Local API of tikmatrix.base-url
                  --simulator     run against an embedded TikMatrix simulator: nothing real is created
                  --hosts <n>     with --simulator: n simulated PCs, a fleet (host-1…host-n, 20 phones each)
                  --check         read configuration, routes and schedules, show each schedule's next fire
                                  times, call nothing; exit code 0, or 2 with one line per problem
                  --home <dir>    the bridge's folder: its config/, routes/, and what relative folders are
                                  under (default: BRIDGE_HOME, else the working directory)
                  --version       print the version
                  --help          print this

                Configuration: <home>/config/application.properties, above it -Dkey=value, above all
                environment variables (TIKMATRIX_BASE_URL for tikmatrix.base-url). Most used keys:
                  tikmatrix.base-url          the TikMatrix API root (http://localhost:50809/api/v1)
                  bridge.data-dir             parent of inbox, receipts, archive, dead letters, events (data)
                  bridge.inbox.dir            the folder to drop .json, .jsonl and .csv files into
                  bridge.inbox.csv-charset    UTF-8, or windows-1252 for Excel's "CSV (Comma delimited)"
                  bridge.events.endpoints     where status events go: file:, http(s)://, kafka:, jms:
                  bridge.admin.port           the port of health, metrics and the admin API (50810)
                  bridge.admin.host           its address (127.0.0.1; any other needs bridge.admin.token)
                  bridge.schedules.file       recurring tasks (config/schedules.yaml)
                  bridge.store.jdbc-url       the store; jdbc:postgresql://... for several bridges
                Every key, its default and meaning: README.md, "Configuration".

                Environment: BRIDGE_HOME (the folder, as --home), BRIDGE_LOG_LEVEL (DEBUG shows every
                descriptor and status change; default INFO).
                Exit codes: 0 stopped normally or --check passed, 2 cannot run as configured.
                """;
    }
}
