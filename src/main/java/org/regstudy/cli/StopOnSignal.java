package org.regstudy.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT/SIGTERM) handling for long jobs: the JVM's shutdown hook raises the stop flag and
 * waits until the job has stored the runs in flight and returned, so the directory is left
 * resumable and no file is half-written.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the hook waits for runs in flight before the JVM exits anyway. */
    static final long MAX_WAIT_MINUTES = 30;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal(java.io.PrintStream err) {
        hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            stop.set(true);
            err.println("regstudy: stopping after the runs in flight (they are saved; continue with --resume)");
            err.flush();
            try {
                finished.await(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "regstudy-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    AtomicBoolean flag() {
        return stop;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown already in progress: the hook is running and has just been released
        }
    }
}
