package dev.loupe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Measures heap during a benchmark: the peak of heap used (garbage included, as the pools report
 * it) and the largest heap still used after a collection (the live set, which is what grows when a
 * program keeps data per item).
 */
public final class HeapSampler implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxAfterGc;

    public HeapSampler() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long afterGc = 0;
            for (MemoryPoolMXBean p : pools) {
                MemoryUsage u = p.getCollectionUsage();
                if (u != null) {
                    afterGc += u.getUsed();
                }
            }
            maxAfterGc = Math.max(maxAfterGc, afterGc);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak heap used (all heap pools' peaks summed) in bytes. */
    public long peakUsed() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Largest heap used right after a collection, in bytes. */
    public long maxLiveAfterGc() {
        return maxAfterGc;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
