package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCountersTest {

    @Test
    void sumsAndMaximaCoverEveryThreadAndSurviveItsDeath() throws Exception {
        ThreadCounters c = new ThreadCounters(2, 1);
        int threads = 8;
        int adds = 100_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                CounterCell cell = c.cell();
                for (int i = 0; i < adds; i++) {
                    cell.add(0, 1);
                    cell.add(1, -2);
                }
                cell.raise(0, 1000 + me);
            });
            thread.start();
            all.add(thread);
        }
        go.countDown();
        for (Thread t : all) {
            t.join();
        }

        assertThat(c.sum(0)).isEqualTo((long) threads * adds);
        assertThat(c.sum(1)).isEqualTo(-2L * threads * adds);
        assertThat(c.max(0)).isEqualTo(1000 + threads - 1);
        // the dead threads' cells were folded into the retired totals: the figures stay
        assertThat(c.sum(0)).isEqualTo((long) threads * adds);
        assertThat(c.max(0)).isEqualTo(1000 + threads - 1);
    }

    @Test
    void aCountTakenOnOneThreadAndGivenBackOnAnotherSumsToZero() throws Exception {
        ThreadCounters c = new ThreadCounters(1, 0);
        c.cell().add(0, 1);
        Thread other = new Thread(() -> c.cell().add(0, -1));
        other.start();
        other.join();

        assertThat(c.sum(0)).isZero();
        c.cell().add(0, 1);
        assertThat(c.sum(0)).isEqualTo(1);
    }
}
