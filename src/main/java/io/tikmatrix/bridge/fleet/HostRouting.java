package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits a descriptor's {@code serials} and {@code usernames} by the host that has each, so that each host gets one
 * call with its own. A name no host is known to have makes the inventory look again (at most once per
 * {@link HostInventory#EXTRA_REFRESH_SPACING}) before it is called unroutable.
 */
public final class HostRouting {

    private static final String SERIALS = "serials";
    private static final String USERNAMES = "usernames";

    /**
     * Where a descriptor goes.
     *
     * @param shares              host name to a copy of the body holding only that host's serials and usernames (a
     *                            field the host has none of is left out), in host order; only hosts with a share
     * @param unroutableSerials   serials no host has, as written (an item that is not a text: its JSON)
     * @param unroutableUsernames usernames no host has, likewise
     * @param silentHosts         when some names have no host: the hosts that have not answered since the start, whose
     *                            devices and accounts are not known yet, so those names may be theirs
     */
    public record Routing(Map<String, ObjectNode> shares, List<String> unroutableSerials, List<String> unroutableUsernames,
                          List<String> silentHosts) {

        public Routing {
            shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
            unroutableSerials = List.copyOf(unroutableSerials);
            unroutableUsernames = List.copyOf(unroutableUsernames);
            silentHosts = List.copyOf(silentHosts);
        }

        /** True when some serial or username has no host. */
        public boolean partlyUnroutable() {
            return !unroutableSerials.isEmpty() || !unroutableUsernames.isEmpty();
        }
    }

    private final Fleet fleet;
    private final HostInventory inventory;

    public HostRouting(Fleet fleet, HostInventory inventory) {
        this.fleet = fleet;
        this.inventory = inventory;
    }

    /**
     * The shares of {@code descriptorBody}, which is left as it is. With one host, the body itself is the one
     * share, of {@link Fleet#DEFAULT_HOST}, and no host is asked anything.
     */
    public Routing route(ObjectNode descriptorBody) {
        if (!fleet.several()) {
            return new Routing(Map.of(Fleet.DEFAULT_HOST, descriptorBody), List.of(), List.of(), List.of());
        }
        List<String> serials = texts(descriptorBody.get(SERIALS));
        List<String> usernames = texts(descriptorBody.get(USERNAMES));
        boolean unknown = serials.stream().anyMatch(serial -> inventory.hostOfSerial(serial).isEmpty())
                || usernames.stream().anyMatch(username -> inventory.hostOfAccount(username).isEmpty());
        if (unknown) {
            inventory.refreshForUnknown();
        }
        Map<String, List<String>> serialsByHost = new LinkedHashMap<>();
        Map<String, List<String>> usernamesByHost = new LinkedHashMap<>();
        List<String> unroutableSerials = split(serials, inventory::hostOfSerial, serialsByHost);
        List<String> unroutableUsernames = split(usernames, inventory::hostOfAccount, usernamesByHost);

        Map<String, ObjectNode> shares = new LinkedHashMap<>();
        for (Host host : fleet.hosts()) {
            List<String> hostSerials = serialsByHost.getOrDefault(host.name(), List.of());
            List<String> hostUsernames = usernamesByHost.getOrDefault(host.name(), List.of());
            if (hostSerials.isEmpty() && hostUsernames.isEmpty()) {
                continue;
            }
            ObjectNode share = descriptorBody.deepCopy();
            put(share, SERIALS, hostSerials);
            put(share, USERNAMES, hostUsernames);
            shares.put(host.name(), share);
        }
        boolean partly = !unroutableSerials.isEmpty() || !unroutableUsernames.isEmpty();
        return new Routing(shares, unroutableSerials, unroutableUsernames, partly ? inventory.silentHosts() : List.of());
    }

    /** @return the names no host has; the others are added to their host's list */
    private static List<String> split(List<String> names, Function<String, Optional<String>> hostOf,
                                      Map<String, List<String>> byHost) {
        List<String> unroutable = new ArrayList<>();
        for (String name : names) {
            Optional<String> host = hostOf.apply(name);
            if (host.isPresent()) {
                byHost.computeIfAbsent(host.get(), h -> new ArrayList<>()).add(name);
            } else {
                unroutable.add(name);
            }
        }
        return unroutable;
    }

    private static void put(ObjectNode share, String field, List<String> names) {
        if (names.isEmpty()) {
            share.remove(field);
            return;
        }
        ArrayNode array = share.putArray(field);
        names.forEach(array::add);
    }

    /** The items of an array field, texts as they are and any other item as its JSON; none when there is no array. */
    private static List<String> texts(JsonNode field) {
        List<String> texts = new ArrayList<>();
        if (field != null && field.isArray()) {
            field.forEach(item -> texts.add(item.isTextual() ? item.asText() : item.toString()));
        }
        return texts;
    }
}
