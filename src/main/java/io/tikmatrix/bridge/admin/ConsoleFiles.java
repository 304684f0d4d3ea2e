package io.tikmatrix.bridge.admin;

import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator console (README, "Console"): a page at {@code /} and its few files under {@code /console/}, plain
 * files of the jar's {@code console/} folder. They hold no data: every figure on the page comes from the admin API,
 * which the browser calls like any client, with the token when there is one. So they are served without it (the
 * guard lets them through), and only names of the console's own kind are looked up, never a path.
 */
public class ConsoleFiles {

    /** Where the files are, in the URL and on the classpath. */
    static final String FOLDER = "/console/";

    private static final String PAGE = "index.html";
    private static final Pattern NAME = Pattern.compile("(?:[a-z]+/)?[a-z0-9-]+\\.(html|css|js|json|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8", "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8", "json", "application/json; charset=UTF-8", "svg", "image/svg+xml");
    /**
     * The page loads nothing but its own files and cannot be framed by another site, where a click the operator
     * thought was on that site's page would land on Replay or Discard.
     */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            // a new version of the bridge serves new files: the browser asks again each time
            "Cache-Control", "no-cache");

    /** Whether a request is for one of the console's files, which need no token. */
    static boolean isConsolePath(String path) {
        return path.equals("/") || path.startsWith(FOLDER);
    }

    /** {@code GET /} and {@code GET /console/<name>}. */
    public void serve(Exchange exchange) throws ApiRefusal, IOException {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "/", String.class);
        String name = path.equals("/") || path.isEmpty() ? PAGE : path.startsWith(FOLDER) ? path.substring(FOLDER.length()) : path;
        Matcher file = NAME.matcher(name);
        byte[] content = null;
        if (file.matches()) {
            try (InputStream in = ConsoleFiles.class.getResourceAsStream(FOLDER + name)) {
                content = in == null ? null : in.readAllBytes();
            }
        }
        if (content == null) {
            throw new ApiRefusal(404, "the console has no file " + path);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, TYPES.get(file.group(1)));
        HEADERS.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(content);
    }
}
