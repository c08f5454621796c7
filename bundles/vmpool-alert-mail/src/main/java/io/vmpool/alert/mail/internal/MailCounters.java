package io.vmpool.alert.mail.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the mail sink has done: mails sent, attempts failed, alerts dropped or given up (and how many of those
 * a mail has reported), and the last failure as logged.
 */
final class MailCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong droppedReported = new AtomicLong();
    private final AtomicLong givenUpReported = new AtomicLong();
    private final AtomicLong attempting = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    void dropped() {
        dropped.incrementAndGet();
    }

    void givenUp() {
        givenUp.incrementAndGet();
    }

    void attempting() {
        attempting.incrementAndGet();
    }

    void failed(String why) {
        lastFailure.set(why);
        failedAttempts.incrementAndGet();
    }

    /** Losses not yet reported by a mail. */
    Losses unreported(int maxQueuedAlerts, int retries) {
        return new Losses(dropped.get() - droppedReported.get(), givenUp.get() - givenUpReported.get(),
                maxQueuedAlerts, retries);
    }

    /** A mail went out, reporting {@code reported}. */
    void sent(Losses reported) {
        sent.incrementAndGet();
        droppedReported.addAndGet(reported.dropped());
        givenUpReported.addAndGet(reported.givenUp());
    }

    long sent() {
        return sent.get();
    }

    long attempts() {
        return attempting.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    long droppedCount() {
        return dropped.get();
    }

    long givenUpCount() {
        return givenUp.get();
    }

    String lastFailure() {
        return lastFailure.get();
    }
}
