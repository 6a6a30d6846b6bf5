package dev.loupe.server;

import dev.loupe.store.ProjectStore;
import java.nio.file.Path;

/**
 * One project a server serves: its store and connections, its API routes under {@code base} (empty
 * when the server serves one project, {@code /p/NAME} when it serves several), its job endpoint and
 * the note through which CLI commands find it.
 */
final class MountedProject implements AutoCloseable {
    final String name;
    final String base;
    final Path dir;
    final ProjectStore store;
    final StoreAccess access;
    final ProjectJobs jobs;
    final ApiRoutes api;
    private final String key;
    private ServerRegistration registration;

    private MountedProject(String name, String base, Path dir, ProjectStore store, StoreAccess access, ProjectJobs jobs, ApiRoutes api,
                           String key) {
        this.name = name;
        this.base = base;
        this.dir = dir;
        this.store = store;
        this.access = access;
        this.jobs = jobs;
        this.api = api;
        this.key = key;
    }

    /** Opens a project for serving under {@code base}; with a runner, CLI commands on it run in this process. */
    static MountedProject open(String name, String base, Path dir, JobRunner runner) {
        // Read-only where this user cannot write the project: browsing works, tagging says why it cannot.
        ProjectStore store = ProjectStore.openForReading(dir);
        StoreAccess access = null;
        try {
            access = new StoreAccess(store, LoupeServer.CONNECTIONS);
            String key = runner == null ? "" : ServerRegistration.forThisProcess("").key();
            ProjectJobs jobs = new ProjectJobs(runner, key);
            ApiRoutes api = new ApiRoutes(access, dir, store.labels().imagesRoot(), jobs, base);
            return new MountedProject(name, base, dir, store, access, jobs, api, runner == null ? null : key);
        } catch (RuntimeException e) {
            if (access != null) {
                access.close();
            }
            store.close();
            throw e;
        }
    }

    /** Leaves the note through which CLI commands find this project's server ({@code serverUrl} ends in '/'). */
    void register(String serverUrl) {
        // A read-only project is not locked: CLI commands open it read-only themselves.
        if (key == null || store.readOnly()) {
            return;
        }
        ServerRegistration r = new ServerRegistration(ProcessHandle.current().pid(),
                serverUrl + (base.isEmpty() ? "" : base.substring(1) + "/"), key);
        try {
            r.write(dir);
            registration = r;
        } catch (java.io.IOException e) {
            // Not fatal: the app works; CLI commands then find the project locked and say so.
            System.err.println("loupe: cannot write " + dir.resolve(ServerRegistration.FILE) + " (" + e.getMessage()
                    + "); CLI commands on this project will not reach the server");
        }
    }

    /** What the project switcher lists. */
    record Listed(String name, String path, String base, long images) {
    }

    Listed listed() {
        return new Listed(name, dir.toAbsolutePath().normalize().toString(), base + "/", access.with(s -> s.labels().summary().images()));
    }

    @Override
    public void close() {
        try {
            if (registration != null) {
                registration.remove(dir);
            }
            jobs.close();
        } finally {
            access.close();
            store.close();
        }
    }
}
