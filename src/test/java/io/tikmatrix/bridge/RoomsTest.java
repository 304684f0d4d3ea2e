package io.tikmatrix.bridge;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms of {@code src/main/java/io/tikmatrix/bridge} (docs/ARCHITECTURE.md, "The rooms"): no import circle
 * between them, each imports only the rooms its {@code package-info.java} names on its "May import:" line, none
 * imports the root package, and the simulator, which stands for TikMatrix, imports nothing of the bridge, nor the
 * fleet anything of the simulator.
 * "Imports" is read from the compiled classes, so it counts every use: a call through a getter
 * ({@code submission.descriptor().body()}) is a use of {@code descriptor} even without an import line.
 */
class RoomsTest {

    private static final String BRIDGE = "io.tikmatrix.bridge";
    private static final Path SOURCES = Path.of("src", "main", "java").resolve(Path.of("", BRIDGE.split("\\.")));
    private static final Pattern MAY_IMPORT = Pattern.compile("^\\s*\\*\\s*<p>May import: (.+)\\.$", Pattern.MULTILINE);
    private static final String NO_OTHER_ROOM = "no other room";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BRIDGE);

    @Test
    void roomsFormNoCircle() {
        slices().matching(BRIDGE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rooms")
    void roomImportsOnlyTheRoomsItsPackageInfoNames(String room) throws IOException {
        List<String> allowed = new ArrayList<>(mayImport(room));
        assertThat(rooms().toList()).as("rooms named by %s/package-info.java", room).containsAll(allowed);
        allowed.add(room);
        String[] packages = allowed.stream().map(r -> BRIDGE + "." + r + "..").toArray(String[]::new);
        classes().that().resideInAPackage(BRIDGE + "." + room + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(BRIDGE + "..").or(resideInAnyPackage(packages)))
                .because(room + "/package-info.java says what it may import")
                .check(MAIN);
    }

    @Test
    void noRoomImportsTheRoot() {
        noClasses().that().resideInAPackage(BRIDGE + ".*..")
                .should().dependOnClassesThat().resideInAPackage(BRIDGE)
                .because("the root package puts the rooms together; a room that needed it would need all of them")
                .check(MAIN);
    }

    @Test
    void simulatorImportsNothingOfTheBridge() {
        noClasses().that().resideInAPackage(BRIDGE + ".simulator..")
                .should().dependOnClassesThat(resideInAPackage(BRIDGE + "..").and(resideOutsideOfPackage(BRIDGE + ".simulator..")))
                .because("the simulator stands for TikMatrix: sharing the bridge's code would let a bug confirm itself")
                .check(MAIN);
    }

    /**
     * The fleet room learns what each TikMatrix has over HTTP, as it would from a real PC: read through the simulator's
     * classes, a shape the simulator got wrong would pass unseen. Its package-info says so too; this keeps it so.
     */
    @Test
    void fleetImportsNothingOfTheSimulator() {
        noClasses().that().resideInAPackage(BRIDGE + ".fleet..")
                .should().dependOnClassesThat().resideInAPackage(BRIDGE + ".simulator..")
                .because("the fleet learns the hosts' devices and accounts from their API, never from the simulator")
                .check(MAIN);
    }

    static Stream<String> rooms() throws IOException {
        try (Stream<Path> entries = Files.list(SOURCES)) {
            return entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The rooms on the "May import:" line of the room's package-info.java. */
    private static List<String> mayImport(String room) throws IOException {
        Path packageInfo = SOURCES.resolve(room).resolve("package-info.java");
        assertThat(packageInfo).as("every room says what it is and what it may import").exists();
        Matcher line = MAY_IMPORT.matcher(Files.readString(packageInfo, StandardCharsets.UTF_8));
        assertThat(line.find()).as("a line '<p>May import: a, b.' or '<p>May import: %s.' in %s", NO_OTHER_ROOM, packageInfo)
                .isTrue();
        String names = line.group(1).trim();
        return names.equals(NO_OTHER_ROOM) ? List.of() : Arrays.stream(names.split(",")).map(String::trim).toList();
    }
}
