package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

import java.util.List;

/**
 * The admin port is Camel's management server (camel-platform-http-main), the one HTTP server of the bridge:
 * /observe/health, /observe/metrics and the admin API's platform-http routes all attach to its router. One
 * server, not Camel's main server beside it on the same port: Camel 4.18.0 shares a port between the two only by
 * the management server reusing a main server that was set up first on the same port, and a platform-http route
 * goes to whichever of two servers Camel prefers, so two servers could put the admin API where the guard is not.
 */
public final class AdminPort {

    private static final long ADMIN_BLOCKED_CHECK_MILLIS = 60_000;

    private AdminPort() {
    }

    /**
     * Binds the management server to {@code bridge.admin.host} and {@code bridge.admin.port} as checked by
     * {@link BridgeConfig} (so a {@code camel.management.host} set elsewhere cannot open it to the network without
     * a token), and puts {@link AdminGuard} in front of every path. Call it after Camel Main created the server
     * and before the context starts: the guard is then on the router before the port listens.
     */
    public static void apply(CamelContext context, BridgeConfig config) {
        if (context.hasService(MainHttpServer.class) != null) {
            throw new InvalidConfigurationException(List.of("camel.server.enabled: the bridge serves HTTP on its admin port"
                    + " only (bridge.admin.*); a second server would take the admin API without its checks"));
        }
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return; // bridge.admin.enabled=false
        }
        // the server's Vert.x, made as it starts, takes these: Vert.x looks for an event loop blocked too long every
        // second by default, a wake-up a second on a bridge with nothing to do (docs/BENCHMARKS.md, session 11); a look
        // a minute still reports a loop stuck that long
        context.getRegistry().bind("adminVertxOptions", new VertxOptions().setBlockedThreadCheckInterval(ADMIN_BLOCKED_CHECK_MILLIS));
        server.setHost(config.get("bridge.admin.host"));
        server.setPort(config.integer("bridge.admin.port"));
        // the guard refuses a body it can see is too large; this refuses one that turns out so as it is read (HTTP/2
        // carries a body without a length, and the guard cannot wait for it)
        server.getConfiguration().setMaxBodySize(AdminGuard.MAX_BODY_BYTES);
        AdminGuard guard = new AdminGuard(config.get("bridge.admin.token"));
        // Camel's hook for authentication handlers: they are put on the router when the server is set up, before it
        // listens, and before every route (health, metrics, platform-http), which are added once it runs
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory((Vertx vertx) -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T unused) {
                return guard;
            }
        });
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(entry);
        authentication.setEnabled(true);
    }
}
