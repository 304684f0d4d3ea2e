package io.tikmatrix.bridge.admin;

/** A request the admin API will not do, with the HTTP status that says why; answered as {@code {"error": …}}. */
public class ApiRefusal extends Exception {

    private final int status;

    public ApiRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
