package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /rpc/devices} and {@code GET /accounts} over the simulator's device and account books. The books
 * start as the settings' {@link SimulatedInventory} and grow when a test plugs a phone in.
 */
final class InventoryApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The API reference's default and maximum {@code page_size} of {@code GET /accounts}. */
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    private final SimulatedInventory settings;
    private final TaskBook tasks;
    private final List<SimulatedInventory.Device> devices;
    private final List<SimulatedInventory.Account> accounts;

    InventoryApi(SimulatedInventory settings, TaskBook tasks) {
        this.settings = settings;
        this.tasks = tasks;
        this.devices = new ArrayList<>(settings.devices());
        this.accounts = new ArrayList<>(settings.accounts());
    }

    /** Whether the endpoint exists on this TikMatrix; one that does not is answered 404 without an envelope. */
    boolean serves(String route) {
        return switch (route) {
            case "GET /rpc/devices" -> settings.devicesEndpoint();
            case "GET /accounts" -> settings.accountsEndpoint();
            default -> true;
        };
    }

    synchronized void plugIn(SimulatedInventory.Device device) {
        if (devices.stream().anyMatch(known -> known.serial().equals(device.serial()))) {
            throw new IllegalArgumentException("device " + device.serial() + " is already in the device book");
        }
        devices.add(device);
    }

    /** A phone switched off or unplugged ({@code online} false), or back: {@code GET /rpc/devices} lists online ones only. */
    synchronized void setOnline(String serial, boolean online) {
        int at = devices.stream().map(SimulatedInventory.Device::serial).toList().indexOf(serial);
        if (at < 0) {
            throw new IllegalArgumentException("device " + serial + " is not in the device book");
        }
        devices.set(at, new SimulatedInventory.Device(serial, online));
    }

    synchronized void add(SimulatedInventory.Account account) {
        accounts.add(account);
    }

    /** The online devices, each with {@code busy}: true while one of its tasks runs. */
    synchronized JsonNode devices() {
        ArrayNode list = JSON.arrayNode();
        for (SimulatedInventory.Device device : devices) {
            if (!device.online()) {
                continue;
            }
            switch (settings.deviceListShape()) {
                case SERIAL_OBJECTS -> list.addObject().put("serial", device.serial()).put("busy", busy(device.serial()));
                case UDID_OBJECTS_UNDER_DEVICES -> list.addObject().put("udid", device.serial()).put("online", true)
                        .put("busy", busy(device.serial()));
                case SERIAL_TEXTS -> list.add(device.serial());
            }
        }
        if (settings.deviceListShape() == SimulatedInventory.DeviceListShape.UDID_OBJECTS_UNDER_DEVICES) {
            ObjectNode data = JSON.objectNode();
            data.set("devices", list);
            return data;
        }
        return list;
    }

    /** A page of the account book, filtered as API reference 4.11 says. */
    synchronized JsonNode accounts(Map<String, String> query) {
        int page = Queries.positiveInt(query, "page", 1);
        int pageSize = Math.min(Queries.positiveInt(query, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
        List<SimulatedInventory.Account> matching = accounts.stream().filter(filter(query)).toList();

        ObjectNode data = JSON.objectNode();
        ArrayNode items = data.putArray("accounts");
        matching.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(account -> items.add(json(account)));
        data.put("total", matching.size());
        data.put("page", page);
        data.put("page_size", pageSize);
        return data;
    }

    private ObjectNode json(SimulatedInventory.Account account) {
        boolean online = devices.stream().anyMatch(device -> device.online() && device.serial().equals(account.device()));
        ObjectNode json = JSON.objectNode();
        json.put("id", account.id());
        json.put("username", account.username());
        json.putNull("email");
        json.put("platform", account.platform());
        json.putNull("packagename");
        json.put("device", account.device());
        json.put("device_online", online);
        json.put("device_name", online ? "Android Emulator " + account.device() : "");
        json.put("logined", account.logined() ? 1 : 0);
        json.put("logined_text", account.logined() ? "logged_in" : "not_logged_in");
        json.put("status", account.status());
        json.put("status_text", account.status() == 0 ? "enabled" : "disabled");
        ArrayNode tags = json.putArray("tags");
        account.tags().forEach(tags::add);
        return json;
    }

    private boolean busy(String serial) {
        return tasks.list(task -> serial.equals(task.serial()) && task.status() == TaskStatus.RUNNING, 0, 1).total() > 0;
    }

    private static Predicate<SimulatedInventory.Account> filter(Map<String, String> query) {
        Predicate<SimulatedInventory.Account> filter = account -> true;
        if (query.containsKey("platform")) {
            filter = filter.and(account -> query.get("platform").equals(account.platform()));
        }
        if (query.containsKey("device")) {
            filter = filter.and(account -> query.get("device").equals(account.device()));
        }
        if (query.containsKey("logined")) {
            boolean logined = Queries.integer(query, "logined") == 1;
            filter = filter.and(account -> account.logined() == logined);
        }
        if (query.containsKey("status")) {
            int status = Queries.integer(query, "status");
            filter = filter.and(account -> account.status() == status);
        }
        if (query.containsKey("tag")) {
            filter = filter.and(account -> account.tags().contains(query.get("tag")));
        }
        return filter;
    }
}
