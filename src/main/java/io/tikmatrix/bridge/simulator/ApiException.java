package io.tikmatrix.bridge.simulator;

/** A request the simulated API refuses: it is answered with an error envelope carrying this code. */
final class ApiException extends RuntimeException {

    static final int INVALID_PARAMETERS = 40001;
    static final int NO_API_ACCESS = 40301;
    static final int NOT_FOUND = 40401;
    static final int INTERNAL_ERROR = 50001;

    private final int code;

    ApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    static ApiException notFound(String what) {
        return new ApiException(NOT_FOUND, what + " not found");
    }

    static ApiException invalid(String message) {
        return new ApiException(INVALID_PARAMETERS, message);
    }

    int code() {
        return code;
    }
}
