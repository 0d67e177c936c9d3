package io.batchplane.client.clock;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs one round of work every {@code period} on a thread of its own, the first round one period after
 * {@link #start()}: the shape of upstream's {@code wait.Until} loops (node monitor, pod GC). A round that
 * throws is logged and the next one still comes; rounds never overlap, because the next is only scheduled
 * when the previous one has ended. Time comes from the {@link Clock}, so tests drive it with a
 * {@link FakeClock} (the round itself then runs on the task's thread).
 */
public final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final Clock clock;
    private final Duration period;
    private final String name;
    private final Runnable round;
    private final ExecutorService thread;
    private volatile boolean stopped;
    private volatile Clock.Timer timer;

    /** @param name names the thread and the log line of a failed round */
    public PeriodicTask(Clock clock, Duration period, String name, Runnable round) {
        this.clock = clock;
        this.period = period;
        this.name = name;
        this.round = round;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        schedule();
    }

    /** No round starts after this; a round already running finishes on its own. */
    public void stop() {
        stopped = true;
        Clock.Timer t = timer;
        if (t != null) {
            t.cancel();
        }
        thread.shutdown();
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        timer = clock.schedule(period, () -> {
            if (!stopped) {
                thread.execute(this::runRound);
            }
        });
    }

    private void runRound() {
        try {
            round.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s round failed", name);
        }
        schedule();
    }
}
