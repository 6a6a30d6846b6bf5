package dev.loupe.server;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The web app's server: the JSON API under {@code /api} and the single-page app (built by
 * loupe-web into the classpath folder {@code web/}) at {@code /}. With several projects each is
 * mounted under {@code /p/NAME/} (its API under {@code /p/NAME/api}) and {@code GET /api/projects}
 * lists them for the app's project switcher. Binds 127.0.0.1 by default; see {@link ServerOptions}
 * for the rule on other hosts.
 */
public final class LoupeServer implements AutoCloseable {
    /** Store connections lent to request threads: a slow query holds up at most this many others' share. */
    static final int CONNECTIONS = 4;

    private final List<MountedProject> projects;
    private final Javalin app;
    private final ServerOptions options;

    private LoupeServer(List<MountedProject> projects, Javalin app, ServerOptions options) {
        this.projects = projects;
        this.app = app;
        this.options = options;
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
        return start(List.of(projectDir), options, runner);
    }

    /** Opens the projects and serves them: one at {@code /}, several each under {@code /p/NAME/}. */
    public static LoupeServer start(List<Path> projectDirs, ServerOptions options, JobRunner runner) {
        if (projectDirs.isEmpty()) {
            throw new IllegalArgumentException("no project to serve");
        }
        List<MountedProject> mounted = new ArrayList<>();
        try {
            Set<String> names = new HashSet<>();
            for (Path dir : projectDirs) {
                String name = uniqueName(dir, names);
                mounted.add(MountedProject.open(name, projectDirs.size() == 1 ? "" : "/p/" + name, dir, runner));
            }
            AccessGuard guard = new AccessGuard(options);
            byte[] index = indexPage();
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = options.host();
                config.jetty.port = options.port();
                config.http.maxRequestSize = 1_000_000;
                config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
                if (index != null) {
                    // The bundle's file names carry a hash of their content (Vite): cached for good. The page itself
                    // (index.html, the icon) is revalidated, so a new build is picked up at once.
                    config.staticFiles.add(s -> {
                        s.hostedPath = "/assets";
                        s.directory = "/web/assets";
                        s.location = Location.CLASSPATH;
                        s.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
                    });
                    config.staticFiles.add(s -> {
                        s.hostedPath = "/";
                        s.directory = "/web";
                        s.location = Location.CLASSPATH;
                        s.headers = Map.of("Cache-Control", "no-cache");
                    });
                }
                config.routes.before(guard::check);
                ErrorMapper.install(config.routes);
                config.routes.get("/api/projects", ctx -> Json.send(ctx, mounted.stream().map(MountedProject::listed).toList()));
                if (mounted.size() > 1) {
                    config.routes.get("/", ctx -> ctx.redirect(mounted.get(0).base + "/"));
                    for (MountedProject m : mounted) {
                        if (index != null) {
                            config.routes.get(m.base + "/", ctx -> ctx.header("Cache-Control", "no-cache").contentType("text/html")
                                    .result(index));
                        }
                    }
                }
                for (MountedProject m : mounted) {
                    m.api.install(config.routes);
                }
            });
            app.start();
            LoupeServer server = new LoupeServer(List.copyOf(mounted), app, options);
            for (MountedProject m : mounted) {
                m.api.warmUp();
                m.register(server.localUrl());
            }
            return server;
        } catch (RuntimeException e) {
            for (MountedProject m : mounted) {
                try {
                    m.close();
                } catch (RuntimeException ignored) {
                    // closing the rest matters more
                }
            }
            throw e;
        }
    }

    /** The folder name, made unique among those already taken by a numeric suffix; only URL-safe characters. */
    static String uniqueName(Path dir, Set<String> taken) {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        String base = (file == null ? "project" : file.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static byte[] indexPage() {
        try (InputStream in = LoupeServer.class.getResourceAsStream("/web/index.html")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, as "METHOD path" (before/after filters left out); for the route-document test. */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).toList();
    }

    /** The address to open in a browser. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** The projects served, with the path of each in the app ("/" or "/p/NAME/"). */
    public Map<Path, String> projects() {
        Map<Path, String> out = new LinkedHashMap<>();
        projects.forEach(m -> out.put(m.dir, m.base + "/"));
        return out;
    }

    /** The served projects this user may only read (opened read-only: browsing works, tagging is refused). */
    public List<Path> readOnlyProjects() {
        return projects.stream().filter(m -> m.store.readOnly()).map(m -> m.dir).toList();
    }

    /** The server's address on this machine (loopback when it listens on every address). */
    private String localUrl() {
        String h = options.host();
        boolean wildcard = h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
        return wildcard ? "http://127.0.0.1:" + port() + "/" : url();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            for (MountedProject m : projects) {
                try {
                    m.close();
                } catch (RuntimeException ignored) {
                    // closing the rest matters more
                }
            }
        }
    }
}
