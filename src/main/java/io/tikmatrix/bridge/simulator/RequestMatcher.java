package io.tikmatrix.bridge.simulator;

/**
 * Selects requests by method and path prefix, the prefix matching whole segments: {@code /task} matches
 * {@code /task} and {@code /task/1000/stop} but not {@code /tasks}. Paths are relative to {@code /api/v1}.
 */
record RequestMatcher(String method, String pathPrefix) {

    boolean matches(String requestMethod, String path) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
