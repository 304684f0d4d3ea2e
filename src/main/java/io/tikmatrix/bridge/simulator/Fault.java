package io.tikmatrix.bridge.simulator;

import java.time.Duration;

/** A way for the simulator to misbehave on a request, registered with {@link SimulatorFaults}. */
public sealed interface Fault {

    /** Answer the API envelope with this code, under the given HTTP status, instead of handling the request. */
    record ErrorEnvelope(int code, int httpStatus, String message) implements Fault {
    }

    /** Answer a bare HTTP status with a plain-text body, as a proxy or a crashed server would. */
    record RawStatus(int httpStatus, String body) implements Fault {
    }

    /** Wait this long, then handle the request normally: enough to run a client into its time-out. */
    record Delay(Duration duration) implements Fault {
    }

    /** Close the connection without any answer. */
    record DropConnection() implements Fault {
    }

    /**
     * Handle the request normally (a {@code POST /task} really creates its tasks), then wait this long before
     * answering: the client's time-out fires although TikMatrix accepted the call.
     */
    record AnswerLate(Duration duration) implements Fault {
    }

    /** Handle the request normally, then close the connection without an answer: a reset after the server committed. */
    record DropAfterHandling() implements Fault {
    }

    static Fault errorEnvelope(int code, int httpStatus) {
        return new ErrorEnvelope(code, httpStatus, "simulated error " + code);
    }

    static Fault rawStatus(int httpStatus, String body) {
        return new RawStatus(httpStatus, body);
    }

    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    static Fault dropConnection() {
        return new DropConnection();
    }

    static Fault answerLate(Duration duration) {
        return new AnswerLate(duration);
    }

    static Fault dropAfterHandling() {
        return new DropAfterHandling();
    }
}
