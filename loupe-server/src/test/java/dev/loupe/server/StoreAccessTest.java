package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.Scope;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's connection pool: a held connection does not block a second one, and writes are shared. */
class StoreAccessTest {
    @TempDir
    Path tmp;
    /** Own threads: the common pool may have a single one on a 2-core machine. */
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private ProjectStore project() {
        Path p = tmp.resolve("p");
        ProjectStore.create(p, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            for (int i = 1; i <= 3; i++) {
                sink.image(new ImageRecord(i, "img" + i + ".jpg", 10, 5, "jpeg", null, 100, null));
            }
        });
        return ProjectStore.open(p);
    }

    @Test
    void aSecondConnectionServesWhileTheFirstIsHeldAndSeesItsWrites() throws Exception {
        try (ProjectStore store = project(); StoreAccess access = new StoreAccess(store, 2)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> access.with(s -> {
                long n = s.tags().add("seen", Scope.IMAGE, List.of(1L, 2L));
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return n;
            }), threads);
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            // The first connection is still lent out: this runs on the other one, and sees the committed tag.
            long images = CompletableFuture.supplyAsync(() -> access.with(s -> s.tags().list().get(0).images()), threads).get(10, TimeUnit.SECONDS);
            assertThat(images).isEqualTo(2);
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void withOneConnectionTheSecondCallerWaits() throws Exception {
        try (ProjectStore store = project(); StoreAccess access = new StoreAccess(store, 1)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> access.with(s -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }), threads);
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> access.with(s -> s.labels().summary().images()), threads);
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
            release.countDown();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            slow.get(10, TimeUnit.SECONDS);
        }
    }
}
