package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {
    @Test
    void readersRunAtTheSameTime() {
        CountDownLatch all = new CountDownLatch(3);
        AtomicBoolean met = new AtomicBoolean(true);
        Runnable reader = () -> {
            all.countDown();
            try {
                // only when the three run at once do all three get past this
                met.compareAndSet(true, all.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        ParallelReads.runAll(List.of(reader, reader, reader));
        assertThat(met).isTrue();
    }

    @Test
    void aFailureIsRethrownAsItWasOnlyAfterEveryReaderHasEnded() {
        AtomicBoolean slowEnded = new AtomicBoolean();
        IllegalArgumentException bad = new IllegalArgumentException("annotation 7: bad box");
        assertThatThrownBy(() -> ParallelReads.runAll(List.of(() -> {
            throw bad;
        }, () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            slowEnded.set(true);
        }, () -> {
            throw new IllegalStateException("later failure");
        }))).isSameAs(bad);
        assertThat(slowEnded).isTrue();
    }
}
