package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Schedules switched on or off by an operator (the admin API), kept in the store so that the switch holds across
 * restarts and for every bridge on a shared store. Each switch remembers the definition of the schedule it was
 * set for (a fingerprint): once schedules.yaml changes that schedule, the file decides again.
 */
public class ScheduleSwitches {

    /** @param definition the fingerprint of the schedule's entry when the switch was set */
    public record Switch(boolean enabled, String definition) {
    }

    private static final String TABLE = "bridge_schedule_switch";

    private final Sql sql;
    private final Clock clock;

    public ScheduleSwitches(DataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = clock;
        sql.schema("the schedule switches", "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + " name VARCHAR(255) PRIMARY KEY,"
                + " enabled BOOLEAN NOT NULL,"
                + " definition VARCHAR(64) NOT NULL,"
                + " updated_at TIMESTAMP NOT NULL)");
    }

    public Map<String, Switch> all() {
        Map<String, Switch> switches = new HashMap<>();
        sql.query("read the schedule switches", "SELECT name, enabled, definition FROM " + TABLE,
                rs -> switches.put(rs.getString(1), new Switch(rs.getBoolean(2), rs.getString(3))));
        return switches;
    }

    /** Sets the switch; another bridge setting it at the same moment wins or loses whole. */
    public void set(String name, boolean enabled, String definition) {
        Timestamp now = Timestamp.from(clock.instant());
        if (sql.update("switch schedule " + name, "UPDATE " + TABLE + " SET enabled = ?, definition = ?, updated_at = ? WHERE name = ?",
                enabled, definition, now, name) == 0
                && !sql.insertIfAbsent("switch schedule " + name, "INSERT INTO " + TABLE + " (name, enabled, definition, updated_at)"
                        + " VALUES (?, ?, ?, ?)", name, enabled, definition, now)) {
            set(name, enabled, definition); // inserted by another bridge in between: now there is a row to update
        }
    }
}
