package org.leadgate.work;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A daemon thread that runs rounds of work: again at once while a round found work, otherwise after an idle wait
 * that {@link #wake()} cuts short. {@link #close()} lets the current round finish.
 */
public final class PollingLoop implements AutoCloseable {
  /** One round; answers how much work it did (0: nothing was due). */
  @FunctionalInterface
  public interface Round {
    int run() throws Exception;
  }

  private final String name;
  private final Duration idle;
  private final Duration closeWait;
  private final Round round;
  private final Consumer<Exception> onFailure;
  private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
  private volatile boolean running;
  private Thread thread;

  /**
   * @param idle how long to wait for a wake-up when a round found nothing to do
   * @param closeWait how long {@link #close()} waits for the current round
   * @param onFailure told of a round that failed; the loop goes on after the idle wait
   */
  public PollingLoop(String name, Duration idle, Duration closeWait, Round round, Consumer<Exception> onFailure) {
    this.name = name;
    this.idle = idle;
    this.closeWait = closeWait;
    this.round = round;
    this.onFailure = onFailure;
  }

  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException(name + " is already started");
    }
    running = true;
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs the next round now instead of after the idle wait. */
  public void wake() {
    wakeUps.offer(Boolean.TRUE);
  }

  /** Whether the loop was started and is being closed: a long round should hand back what it has not begun. */
  public synchronized boolean closing() {
    return thread != null && !running;
  }

  private void loop() {
    while (running) {
      int done = 0;
      try {
        done = round.run();
      } catch (Exception e) {
        onFailure.accept(e);
      }
      if (done == 0) {
        try {
          wakeUps.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    Thread worker;
    synchronized (this) {
      worker = thread;
      running = false;
    }
    if (worker != null) {
      wake();
      try {
        worker.join(closeWait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
