package dev.loupe.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {
    private static final ImagePipeline.Settings SETTINGS = new ImagePipeline.Settings("test", 3, 2, 10, 4, 50);

    /** Images 1..n; every third one (id % 3 == 0) is already done and is scanned but not returned. */
    private static ImagePipeline.Pages<Long> images(int n) {
        return (after, limit) -> {
            List<Long> work = new ArrayList<>();
            long last = after;
            int scanned = 0;
            for (long id = after + 1; id <= n && scanned < limit; id++) {
                scanned++;
                last = id;
                if (id % 3 != 0) {
                    work.add(id);
                }
            }
            return scanned == 0 ? WorkPage.end(after) : new WorkPage<>(work, last, scanned);
        };
    }

    @Test
    void everyPendingImageIsProcessedAndWrittenOnceInBoundedBatches() throws InterruptedException {
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        ImagePipeline.Counts counts = new ImagePipeline<Long, Long>(SETTINGS).run(images(100), id -> id * 10, batch -> {
            batchSizes.add(batch.size());
            written.addAll(batch);
        }, 100, (s, t, a, w, sec) -> { }, System.nanoTime());
        // 100 images, 33 of them (3, 6, ..., 99) already done.
        assertEquals(67, counts.processed());
        assertEquals(33, counts.skipped());
        TreeSet<Long> expected = new TreeSet<>();
        for (long id = 1; id <= 100; id++) {
            if (id % 3 != 0) {
                expected.add(id * 10);
            }
        }
        assertEquals(67, written.size());
        assertEquals(expected, new TreeSet<>(written));
        assertTrue(batchSizes.stream().allMatch(b -> b >= 1 && b <= 4), batchSizes.toString());
    }

    @Test
    void pagesWithoutWorkGrowUpToTheirBoundAndAPageWithWorkIsAPageAgain() throws InterruptedException {
        // Images 1..5000 are done, 5001..5030 pending: the done ones are scanned in pages of
        // 10, 20, 40, ... up to 640 (64 pages' worth), and a page with work sets the size back to 10.
        List<Integer> limits = Collections.synchronizedList(new ArrayList<>());
        ImagePipeline.Pages<Long> pages = (after, limit) -> {
            limits.add(limit);
            List<Long> work = new ArrayList<>();
            long last = after;
            int scanned = 0;
            for (long id = after + 1; id <= 5030 && scanned < limit; id++) {
                scanned++;
                last = id;
                if (id > 5000) {
                    work.add(id);
                }
            }
            return scanned == 0 ? WorkPage.end(after) : new WorkPage<>(work, last, scanned);
        };
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        ImagePipeline.Counts counts = new ImagePipeline<Long, Long>(SETTINGS).run(pages, id -> id, written::addAll, 5030,
                (s, t, a, w, sec) -> { }, System.nanoTime());
        assertEquals(30, counts.processed());
        assertEquals(5000, counts.skipped());
        assertEquals(30, written.size());
        // 10 + 20 + ... + 320 = 630 images, six pages of 640 to 4 470, the seventh holds the work
        // (and ends at 5 030); the call after it asks for 10 again and finds the end.
        assertEquals(List.of(10, 20, 40, 80, 160, 320, 640, 640, 640, 640, 640, 640, 640, 10), limits);
        assertEquals(640, 10 * ImagePipeline.MAX_PAGE_GROWTH);
    }

    @Test
    void aSlowWriterHoldsBackTheWorkersSoResultsWaitingAreBounded() throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong mostWaiting = new AtomicLong();
        new ImagePipeline<Long, Long>(SETTINGS).run(images(600), id -> {
            processed.incrementAndGet();
            return id;
        }, batch -> {
            mostWaiting.accumulateAndGet(processed.get() - written.get(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.addAndGet(batch.size());
        }, 600, (s, t, a, w, sec) -> { }, System.nanoTime());
        assertEquals(400, written.get());
        // queue (4 x writeBatch) + the batch in hand + one result per worker waiting to be queued
        assertTrue(mostWaiting.get() <= 4 * 4 + 4 + 3, "results waiting for the writer: " + mostWaiting.get());
    }

    @Test
    void aWorkerFailureStopsTheRunAndWhatWasWrittenStays() {
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ImagePipeline<Long, Long>(SETTINGS).run(images(1000), id -> {
                    if (id == 500) {
                        throw new IllegalArgumentException("image 500 broke the worker");
                    }
                    return id;
                }, written::addAll, 1000, (s, t, a, w, sec) -> { }, System.nanoTime()));
        assertEquals("image 500 broke the worker", e.getMessage());
        assertTrue(!written.contains(500L));
        assertTrue(written.size() < 667, "the run stopped early: " + written.size());
    }

    @Test
    void aWriterFailureStopsTheRunWithoutBlockingTheWorkers() {
        AtomicLong calls = new AtomicLong();
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                new ImagePipeline<Long, Long>(SETTINGS).run(images(5000), id -> id, batch -> {
                    if (calls.incrementAndGet() == 3) {
                        throw new IllegalStateException("disk full");
                    }
                }, 5000, (s, t, a, w, sec) -> { }, System.nanoTime()));
        assertEquals("disk full", e.getMessage());
    }

    /** The last batch is written after END was taken; its failure waited for a second END, for ever. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFailureOfTheLastBatchEndsTheRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                // Two images pending, batches of 4 and a minute between timed flushes: only END flushes.
                new ImagePipeline<Long, Long>(new ImagePipeline.Settings("test", 3, 2, 10, 4, 60_000)).run(images(3), id -> id, batch -> {
                    throw new IllegalStateException("disk full");
                }, 3, (s, t, a, w, sec) -> { }, System.nanoTime()));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void theLastProgressCountsEveryImage() throws InterruptedException {
        long[] last = new long[4];
        new ImagePipeline<Long, Long>(SETTINGS).run(images(50), id -> id, batch -> { }, 50, (s, t, a, w, sec) -> {
            last[0] = s;
            last[1] = t;
            last[2] = a;
            last[3] = w;
        }, System.nanoTime());
        assertEquals(50, last[0]);
        assertEquals(50, last[1]);
        assertEquals(34, last[2]);
        assertEquals(34, last[3]);
    }

    @Test
    void aPageCannotPendMoreImagesThanItScanned() {
        assertThrows(IllegalArgumentException.class, () -> new WorkPage<>(List.of(1L, 2L), 2, 1));
    }
}
