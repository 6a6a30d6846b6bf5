package dev.loupe.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs readers at the same time, a thread each; returns when all have ended, and then rethrows the
 * failure of the first (in list order) that failed, as it was thrown. Each reader must use a store
 * connection of its own.
 */
public final class ParallelReads {
    private ParallelReads() {
    }

    public static void runAll(List<Runnable> readers) {
        if (readers.size() == 1) {
            readers.get(0).run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers.size(), r -> {
            Thread t = new Thread(r, "loupe-eval-read");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        readers.forEach(r -> running.add(pool.submit(r)));
        Throwable first = null;
        boolean interrupted = false;
        try {
            // every reader ends before this returns or throws: their sources may be closed right after
            for (Future<?> f : running) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        first = first == null ? e.getCause() : first;
                        break;
                    }
                }
            }
        } finally {
            pool.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
