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
    private final ProjectJobs jobs;
    private final Path projectDir;
    private ServerRegistration registration;

    private LoupeServer(ProjectStore store, StoreAccess access, Javalin app, ServerOptions options, ProjectJobs jobs,
                        Path projectDir) {
        this.store = store;
        this.access = access;
        this.app = app;
        this.options = options;
        this.jobs = jobs;
        this.projectDir = projectDir;
    }

    /** Opens the project and starts serving it, without running CLI commands for other processes. */
    public static LoupeServer start(Path projectDir, ServerOptions options) {
        return start(projectDir, options, null);
    }

    /**
     * Opens the project and starts serving it. With a job runner, CLI commands started on this
     * project while the server runs are handed to it and run here ({@link ServerRegistration}).
     */
    public static LoupeServer start(Path projectDir, ServerOptions options, JobRunner runner) {
        ProjectStore store = ProjectStore.open(projectDir);
        StoreAccess access = null;
        ProjectJobs jobs = null;
        try {
            access = new StoreAccess(store, CONNECTIONS);
            ServerRegistration registration = runner == null ? null : ServerRegistration.forThisProcess("");
            jobs = new ProjectJobs(runner, registration == null ? "" : registration.key());
            ApiRoutes api = new ApiRoutes(access, projectDir, store.imagesRoot(), jobs);
            AccessGuard guard = new AccessGuard(options);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = options.host();
                config.jetty.port = options.port();
                config.http.maxRequestSize = 1_000_000;
                if (LoupeServer.class.getResource("/web/index.html") != null) {
                    // The bundle's file names carry a hash of their content (Vite): cached for good. The page itself
                    // (index.html, the icon) is revalidated, so a new build is picked up at once.
                    config.staticFiles.add(s -> {
                        s.hostedPath = "/assets";
                        s.directory = "/web/assets";
                        s.location = Location.CLASSPATH;
                        s.headers = java.util.Map.of("Cache-Control", "public, max-age=31536000, immutable");
                    });
                    config.staticFiles.add(s -> {
                        s.hostedPath = "/";
                        s.directory = "/web";
                        s.location = Location.CLASSPATH;
                        s.headers = java.util.Map.of("Cache-Control", "no-cache");
                    });
                }
                config.routes.before(guard::check);
                ErrorMapper.install(config.routes);
                api.install(config.routes);
            });
            app.start();
            api.warmUp();
            LoupeServer server = new LoupeServer(store, access, app, options, jobs, projectDir);
            if (registration != null) {
                server.register(registration.key());
            }
            return server;
        } catch (RuntimeException e) {
            if (jobs != null) {
                jobs.close();
            }
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

    /** Leaves the note through which CLI commands find this server (the loopback address of its job endpoint). */
    private void register(String key) {
        String h = options.host();
        boolean wildcard = h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
        String base = wildcard ? "http://127.0.0.1:" + port() + "/" : url();
        ServerRegistration r = new ServerRegistration(ProcessHandle.current().pid(), base, key);
        try {
            r.write(projectDir);
            registration = r;
        } catch (java.io.IOException e) {
            // Not fatal: the app works; CLI commands then find the project locked and say so.
            System.err.println("loupe: cannot write " + projectDir.resolve(ServerRegistration.FILE) + " (" + e.getMessage()
                    + "); CLI commands on this project will not reach the server");
        }
    }

    @Override
    public void close() {
        try {
            if (registration != null) {
                registration.remove(projectDir);
            }
            jobs.close();
            app.stop();
        } finally {
            access.close();
            store.close();
        }
    }
}
