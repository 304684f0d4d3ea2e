package io.tikmatrix.bridge.simulator;

/** The API's task status numbers and their texts (TikMatrix API reference, see README). */
public enum TaskStatus {
    PENDING(0, "pending"),
    RUNNING(1, "running"),
    COMPLETED(2, "completed"),
    FAILED(3, "failed");

    private final int code;
    private final String text;

    TaskStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
