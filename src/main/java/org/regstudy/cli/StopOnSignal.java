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
    private volatile String finishedJob;
    private final java.io.PrintStream err;

    StopOnSignal(java.io.PrintStream err) {
        this.err = err;
        hook = new Thread(this::onSignal, "regstudy-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the shutdown hook does: raise the stop flag, say so, and wait until the job returns. */
    void onSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        stop.set(true);
        String done = finishedJob;
        err.println(done != null ? "regstudy: interrupted after the job finished: its results in " + done
                + " are complete; writing its table and report, then stopping"
                : "regstudy: stopping after the runs in flight (they are saved; continue with --resume)");
        err.flush();
        try {
            finished.await(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    AtomicBoolean flag() {
        return stop;
    }

    /**
     * Says the job has stored all its results in {@code dir} (only its table and report remain): a
     * signal from now on says so, not "continue with --resume".
     */
    void jobFinished(String dir) {
        finishedJob = dir;
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
