package io.tikmatrix.bridge.simulator;

import java.util.Map;

/** Reading the query parameters of a list endpoint ({@code GET /task}, {@code GET /accounts}); a bad one is 40001. */
final class Queries {

    private Queries() {
    }

    static int positiveInt(Map<String, String> query, String name, int defaultValue) {
        if (!query.containsKey(name)) {
            return defaultValue;
        }
        int value = integer(query, name);
        if (value < 1) {
            throw ApiException.invalid(name + " must be at least 1, was " + value);
        }
        return value;
    }

    static int integer(Map<String, String> query, String name) {
        try {
            return Integer.parseInt(query.get(name).trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be an integer, was '" + query.get(name) + "'");
        }
    }
}
