package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.InvalidConfigurationException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The two modes of the CloudEvents protocol bindings, chosen per endpoint with {@code ?mode=} (README,
 * "Status events"): structured, the whole event document as the message; binary, its attributes as the
 * transport's headers and its data alone as the message. The option is the bridge's, not Camel's: it is taken
 * off the URI before Camel sees it.
 */
enum EventMode {

    STRUCTURED, BINARY;

    static final String OPTION = "mode";

    /** The mode {@code uri} asks for, if it asks. */
    static Optional<EventMode> askedIn(String uri) {
        return options(uri).stream()
                .filter(option -> option.startsWith(OPTION + "="))
                .map(option -> of(uri, option.substring(OPTION.length() + 1)))
                .reduce((first, second) -> {
                    throw refused(uri, "mode is given twice");
                });
    }

    /** {@code uri} without the option, for Camel. */
    static String withoutOption(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        String others = options(uri).stream().filter(option -> !option.startsWith(OPTION + "=")).collect(Collectors.joining("&"));
        return uri.substring(0, query) + (others.isEmpty() ? "" : "?" + others);
    }

    /** The mode asked for, or {@code fallback}, the mode consumers of this transport expect. */
    static EventMode orDefault(String uri, EventMode fallback) {
        return askedIn(uri).orElse(fallback);
    }

    /** For a transport with one mode only: a URI may name it, never the other. */
    static void requireOnly(String uri, EventMode only, String why) {
        askedIn(uri).filter(asked -> asked != only)
                .ifPresent(asked -> {
                    throw refused(uri, "mode=" + asked.optionValue() + " is not possible: " + why);
                });
    }

    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static EventMode of(String uri, String value) {
        return Arrays.stream(values()).filter(mode -> mode.optionValue().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> refused(uri, "mode must be structured or binary"));
    }

    private static List<String> options(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? List.of() : Arrays.stream(uri.substring(query + 1).split("&")).filter(o -> !o.isEmpty()).toList();
    }

    /** Named by the endpoint's name, which leaves out the options, where a password may be. */
    private static InvalidConfigurationException refused(String uri, String problem) {
        return new InvalidConfigurationException(List.of(
                "bridge.events.endpoints: " + EventEndpoint.nameOf(uri) + ": " + problem));
    }
}
