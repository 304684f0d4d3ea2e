package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.json.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every request to the admin port passes before any route sees it (README, "Operating it"):
 * <ul>
 * <li>an {@code Origin} of another site is refused (403): a web page the operator happens to open cannot make
 * their browser replay or discard dead letters;</li>
 * <li>without a token (the port is on loopback then), a {@code Host} that is not a loopback name is refused too
 * (403): a site whose name an attacker points at 127.0.0.1 would otherwise count as same-site;</li>
 * <li>with a token, everything but health and the console's files needs {@code Authorization: Bearer <token>},
 * compared in constant time (401 otherwise), and health tells a request without it only UP or DOWN;</li>
 * <li>a body of more than {@link #MAX_BODY_BYTES} is refused (413), and so is one of unknown length (411),
 * before it is read.</li>
 * </ul>
 * Refusals answer {@code {"error": …}} like the admin API.
 */
final class AdminGuard implements AuthenticationHandler {

    /** The admin API takes small JSON bodies; nothing it takes comes near this. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final String BEARER = "bearer ";
    private static final String HEALTH = "/observe/health";
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    /** The token's bytes, or null when none is configured. */
    private final byte[] token;

    AdminGuard(String token) {
        this.token = token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameSite(origin, request.authority())) {
            refuse(ctx, 403, "a request from another site (Origin " + origin + ") is refused");
            return;
        }
        if (token == null && !isLoopbackName(request.authority())) {
            refuse(ctx, 403, "the admin port answers this machine only (Host " + request.authority() + ")");
            return;
        }
        if (!authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            if (isHealth(ctx.normalizedPath())) {
                // Camel's health handler reads the level from the query: an outsider gets the state, not the reasons
                request.params().set("exposureLevel", "oneline");
            } else if (!isConsoleFile(request, ctx.normalizedPath())) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tikmatrix-bridge\"");
                refuse(ctx, 401, "this needs Authorization: Bearer <bridge.admin.token>");
                return;
            }
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            refuse(ctx, 411, "send the body with a Content-Length");
            return;
        }
        if (length != null && !withinLimit(length)) {
            refuse(ctx, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        ctx.next();
    }

    private boolean authorized(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }

    private static boolean isHealth(String path) {
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    /** The console's page and files hold no data (the page asks the API for it, with the token): anyone may load them. */
    private static boolean isConsoleFile(HttpServerRequest request, String path) {
        return request.method() == HttpMethod.GET && ConsoleFiles.isConsolePath(path);
    }

    private static boolean withinLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) <= MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The Origin's host and port are the ones the request was sent to ({@code Host}, or HTTP/2's authority). */
    static boolean sameSite(String origin, HostAndPort authority) {
        if (authority == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false; // "null": a sandboxed page or a file
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? HTTPS_PORT : HTTP_PORT;
            return bare(uri.getHost()).equalsIgnoreCase(bare(authority.host()))
                    && port == (authority.port() < 0 ? HTTP_PORT : authority.port());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Decided from the text alone: looking the name up would ask the attacker's own DNS. */
    static boolean isLoopbackName(HostAndPort authority) {
        if (authority == null) {
            return false;
        }
        String name = bare(authority.host());
        return name.equalsIgnoreCase("localhost") || LOOPBACK_IPV4.matcher(name).matches()
                || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
    }

    /** An IPv6 address without the brackets a URL puts around it. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void refuse(RoutingContext ctx, int status, String error) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .end(Json.MAPPER.createObjectNode().put("error", error).toString());
    }
}
