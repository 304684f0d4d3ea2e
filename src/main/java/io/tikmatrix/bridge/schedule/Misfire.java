package io.tikmatrix.bridge.schedule;

import org.quartz.CronTrigger;

import java.util.Arrays;
import java.util.Optional;

/** What a schedule does about firings it missed while the bridge was down or busy. */
public enum Misfire {
    /** Fire one catch-up firing, however many were missed. */
    FIRE_ONCE("fire-once", CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Drop missed firings and wait for the next scheduled time. */
    SKIP("skip", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

    private final String text;
    private final int quartzInstruction;

    Misfire(String text, int quartzInstruction) {
        this.text = text;
        this.quartzInstruction = quartzInstruction;
    }

    /** The misfire instruction of the schedule's Quartz cron trigger. */
    public int quartzInstruction() {
        return quartzInstruction;
    }

    /** The spelling used in schedules.yaml. */
    public String text() {
        return text;
    }

    public static Optional<Misfire> fromText(String text) {
        return Arrays.stream(values()).filter(m -> m.text.equals(text)).findFirst();
    }
}
