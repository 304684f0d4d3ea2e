package io.tikmatrix.bridge.config;

import java.util.List;

/** The configuration cannot run; each problem names the key. The launcher exits with code 2. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
