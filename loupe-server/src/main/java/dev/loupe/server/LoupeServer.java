package dev.loupe.server;

import dev.loupe.store.ProjectStore;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;

/**
 * The web app's server for one project: the JSON API under {@code /api}, and the single-page app
 * (built by loupe-web into the classpath folder {@code web/}) at {@code /}. Binds 127.0.0.1 by
 * default; see {@link ServerOptions} for the rule on other hosts.
 */
public final class LoupeServer implements AutoCloseable {
    /** Store connections lent to request threads: a slow query holds up at most this many others' share. */
    static final int CONNECTIONS = 4;

    private final ProjectStore store;
    private final StoreAccess access;
    private final Javalin app;
    private final ServerOptions options;

    private LoupeServer(ProjectStore store, StoreAccess access, Javalin app, ServerOptions options) {
        this.store = store;
        this.access = access;
        this.app = app;
        this.options = options;
    }

    /** Opens the project and starts serving it. */
    public static LoupeServer start(Path projectDir, ServerOptions options) {
        ProjectStore store = ProjectStore.open(projectDir);
        StoreAccess access = null;
        try {
            access = new StoreAccess(store, CONNECTIONS);
            ApiRoutes api = new ApiRoutes(access, projectDir, store.imagesRoot());
            AccessGuard guard = new AccessGuard(options);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = options.host();
                config.jetty.port = options.port();
                config.http.maxRequestSize = 1_000_000;
                if (LoupeServer.class.getResource("/web/index.html") != null) {
                    config.staticFiles.add(s -> {
                        s.hostedPath = "/";
                        s.directory = "/web";
                        s.location = Location.CLASSPATH;
                    });
                }
                config.routes.before(guard::check);
                ErrorMapper.install(config.routes);
                api.install(config.routes);
            });
            app.start();
            return new LoupeServer(store, access, app, options);
        } catch (RuntimeException e) {
            if (access != null) {
                access.close();
            }
            store.close();
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            access.close();
            store.close();
        }
    }
}
