package io.tikmatrix.bridge.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The phones plugged into a simulated TikMatrix PC and the accounts it knows, and how it shows them: what
 * {@code GET /rpc/devices} and {@code GET /accounts} answer (API reference 4.11, 4.12). Tasks are accepted for any
 * serial or username, as before; these books only feed those two endpoints.
 *
 * @param devices          the device book, in the order {@code GET /rpc/devices} lists them
 * @param accounts         the account book, in the order {@code GET /accounts} pages them
 * @param deviceListShape  the shape of {@code GET /rpc/devices}' {@code data}, which no doc shows
 * @param devicesEndpoint  false for a TikMatrix without {@code GET /rpc/devices}: HTTP 404, no envelope
 * @param accountsEndpoint false for a TikMatrix without {@code GET /accounts}: HTTP 404, no envelope
 */
public record SimulatedInventory(List<Device> devices, List<Account> accounts, DeviceListShape deviceListShape,
                                 boolean devicesEndpoint, boolean accountsEndpoint) {

    /** The first serial of the default book: an Android emulator's first console port. */
    public static final int FIRST_EMULATOR_PORT = 5554;
    /** As many phones as the simulated licence's {@code device_limit}. */
    public static final int DEFAULT_DEVICE_COUNT = 20;

    /** A phone; only an online one is listed by {@code GET /rpc/devices}. */
    public record Device(String serial, boolean online) {
        public Device {
            Objects.requireNonNull(serial, "serial");
        }
    }

    /**
     * An account of the account book.
     *
     * @param platform {@code tiktok} or {@code instagram}
     * @param device   the serial of its phone, or null
     * @param status   0 enabled, 1 disabled
     */
    public record Account(long id, String username, String platform, String device, boolean logined, int status,
                          List<String> tags) {
        public Account {
            Objects.requireNonNull(platform, "platform");
            tags = List.copyOf(tags);
        }

        /** A logged-in, enabled TikTok account {@code user_<serial's suffix>} on that phone, without tags. */
        public static Account tiktokOn(long id, String serial) {
            return new Account(id, "user_" + serial.substring(serial.lastIndexOf('-') + 1), "tiktok", serial, true, 0,
                    List.of());
        }
    }

    /** What {@code data} of {@code GET /rpc/devices} looks like; the SDK's README only says "online devices, each with a busy flag". */
    public enum DeviceListShape {
        /** {@code data: [{"serial": "emulator-5554", "busy": false}, …]} */
        SERIAL_OBJECTS,
        /** {@code data: {"devices": [{"udid": "emulator-5554", "online": true, "busy": false}, …]}} */
        UDID_OBJECTS_UNDER_DEVICES,
        /** {@code data: ["emulator-5554", …]} */
        SERIAL_TEXTS
    }

    public SimulatedInventory {
        devices = List.copyOf(devices);
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(deviceListShape, "deviceListShape");
        Set<String> serials = new HashSet<>();
        devices.forEach(device -> {
            if (!serials.add(device.serial())) {
                throw new IllegalArgumentException("device " + device.serial() + " is twice in the device book");
            }
        });
    }

    /** The default book: {@link #DEFAULT_DEVICE_COUNT} emulators from emulator-5554, both endpoints on. */
    public static SimulatedInventory defaults() {
        return emulators(FIRST_EMULATOR_PORT, DEFAULT_DEVICE_COUNT);
    }

    /**
     * {@code count} online phones {@code emulator-<first>}, {@code emulator-<first + 1>}, …, each with one
     * TikTok account ({@link Account#tiktokOn}), ids from 1; shape {@link DeviceListShape#SERIAL_OBJECTS}.
     */
    public static SimulatedInventory emulators(int first, int count) {
        List<Device> devices = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String serial = "emulator-" + (first + i);
            devices.add(new Device(serial, true));
            accounts.add(Account.tiktokOn(i + 1, serial));
        }
        return new SimulatedInventory(devices, accounts, DeviceListShape.SERIAL_OBJECTS, true, true);
    }

    public SimulatedInventory withDevices(List<Device> value) {
        return new SimulatedInventory(value, accounts, deviceListShape, devicesEndpoint, accountsEndpoint);
    }

    public SimulatedInventory withAccounts(List<Account> value) {
        return new SimulatedInventory(devices, value, deviceListShape, devicesEndpoint, accountsEndpoint);
    }

    public SimulatedInventory withDeviceListShape(DeviceListShape value) {
        return new SimulatedInventory(devices, accounts, value, devicesEndpoint, accountsEndpoint);
    }

    public SimulatedInventory withDevicesEndpoint(boolean value) {
        return new SimulatedInventory(devices, accounts, deviceListShape, value, accountsEndpoint);
    }

    public SimulatedInventory withAccountsEndpoint(boolean value) {
        return new SimulatedInventory(devices, accounts, deviceListShape, devicesEndpoint, value);
    }

    /** The same book with these serials offline (still in the book, their accounts too). */
    public SimulatedInventory withOffline(String... serials) {
        Set<String> offline = Set.of(serials);
        return withDevices(devices.stream()
                .map(device -> offline.contains(device.serial()) ? new Device(device.serial(), false) : device).toList());
    }
}
