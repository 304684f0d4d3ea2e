package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.InvalidConfigurationException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The TikMatrix hosts of this bridge: one per {@code tikmatrix.hosts.<name>.base-url}, or, with none declared,
 * the one host {@code default} at {@code tikmatrix.base-url}. A host may carry a static map
 * ({@code tikmatrix.hosts.<name>.devices} / {@code .accounts}) for a TikMatrix that lacks the endpoints listing
 * its phones and accounts.
 */
public final class Fleet {

    /** The name of the one host of a bridge that declares none: the store's for the tasks it knew before the fleet. */
    public static final String DEFAULT_HOST = TrackedTask.ONE_HOST;
    static final String PREFIX = "tikmatrix.hosts.";
    static final String REFRESH_INTERVAL = PREFIX + "refresh-interval";
    private static final String BASE_URL = "base-url";
    private static final String DEVICES = "devices";
    private static final String ACCOUNTS = "accounts";
    private static final List<String> HOST_KEYS = List.of(BASE_URL, DEVICES, ACCOUNTS);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** A host with its static map, as configured. */
    private record Member(Host host, List<String> devices, List<String> accounts) {
    }

    private final Map<String, Member> members;
    private final boolean several;
    private final Duration refreshInterval;

    private Fleet(Map<String, Member> members, boolean several, Duration refreshInterval) {
        this.members = members;
        this.several = several;
        this.refreshInterval = refreshInterval;
    }

    /**
     * The hosts {@code config} declares.
     *
     * @throws InvalidConfigurationException naming every key at fault: a host name other than letters, digits,
     *                                       '-' and '_', a key other than base-url, devices and accounts, a missing or
     *                                       malformed base-url, a static map for a host without base-url
     */
    public static Fleet from(BridgeConfig config) {
        // name -> key -> value, names sorted: the hosts' order
        Map<String, Map<String, String>> declared = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        config.keysStartingWith(PREFIX).forEach((key, value) -> {
            if (key.equals(REFRESH_INTERVAL)) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String name = dot < 0 ? "" : rest.substring(0, dot);
            String property = rest.substring(dot + 1);
            if (!HOST_KEYS.contains(property)) {
                problems.add(key + ": not a key of a host; write " + PREFIX + "<name>.base-url, .devices or .accounts");
            } else if (!NAME.matcher(name).matches()) {
                problems.add(key + ": '" + name + "' is not a host name (letters, digits, '-' and '_')");
            } else {
                declared.computeIfAbsent(name, n -> new TreeMap<>()).put(property, value);
            }
        });
        Map<String, Member> members = new TreeMap<>();
        declared.forEach((name, keys) -> {
            String baseUrl = keys.getOrDefault(BASE_URL, "").trim();
            if (baseUrl.isEmpty()) {
                keys.keySet().stream().filter(property -> !property.equals(BASE_URL)).forEach(property ->
                        problems.add(PREFIX + name + "." + property + ": host " + name + " is not declared; give it "
                                + PREFIX + name + "." + BASE_URL));
                if (keys.containsKey(BASE_URL)) {
                    problems.add(PREFIX + name + "." + BASE_URL + ": empty; the host's API root, such as http://192.168.1.20:50809/api/v1");
                }
                return;
            }
            String problem = notHttpUrl(baseUrl);
            if (problem != null) {
                problems.add(PREFIX + name + "." + BASE_URL + ": " + problem);
                return;
            }
            members.put(name, new Member(new Host(name, withoutTrailingSlash(baseUrl)),
                    list(keys.get(DEVICES)), list(keys.get(ACCOUNTS))));
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Duration refreshInterval = config.duration(REFRESH_INTERVAL);
        if (declared.isEmpty()) {
            Host single = new Host(DEFAULT_HOST, config.get("tikmatrix.base-url"));
            return new Fleet(Map.of(DEFAULT_HOST, new Member(single, List.of(), List.of())), false, refreshInterval);
        }
        return new Fleet(members, true, refreshInterval);
    }

    /** The hosts, in the order of their names. */
    public List<Host> hosts() {
        return members.values().stream().map(Member::host).toList();
    }

    /** True when {@code tikmatrix.hosts.*} declares the hosts; false for the one host of {@code tikmatrix.base-url}. */
    public boolean several() {
        return several;
    }

    /** @throws IllegalArgumentException naming the known hosts, for a name that is none of them */
    public Host host(String name) {
        return member(name).host();
    }

    /** {@code tikmatrix.hosts.<name>.devices}: serials the host has whatever its API says; empty when not set. */
    public List<String> staticDevices(String name) {
        return member(name).devices();
    }

    /** {@code tikmatrix.hosts.<name>.accounts}: usernames the host has whatever its API says; empty when not set. */
    public List<String> staticAccounts(String name) {
        return member(name).accounts();
    }

    /** For the host-inventory route's timer ({@code {{bean:fleet.refreshIntervalMillis}}}), which counts milliseconds. */
    public long refreshIntervalMillis() {
        return refreshInterval.toMillis();
    }

    private Member member(String name) {
        Member member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException("no TikMatrix host named '" + name + "' (hosts: "
                    + String.join(", ", members.keySet()) + ")");
        }
        return member;
    }

    /** @return what is wrong with the URL, or null when it is an http(s) URL with a host */
    private static String notHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
            return "'" + url + "' is not an http(s) URL with a host";
        } catch (IllegalArgumentException e) {
            return "'" + url + "' is not a URL (" + e.getMessage() + ")";
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).distinct().toList();
    }
}
