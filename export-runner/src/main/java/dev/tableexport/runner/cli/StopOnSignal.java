package dev.tableexport.runner.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, a SIGTERM (a Job's pod deleted, its deadline passed) runs {@code stop} and holds the
 * JVM's exit until the work ends (this is closed) or the grace period passes, so that the work can
 * clean up and report.
 */
final class StopOnSignal implements AutoCloseable {

  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread hook;

  StopOnSignal(Runnable stop, Duration grace) {
    hook = new Thread(() -> {
      stop.run();
      try {
        ended.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Stops by interrupting the thread that opens it. */
  static StopOnSignal interruptingThisThread(Duration grace) {
    return new StopOnSignal(Thread.currentThread()::interrupt, grace);
  }

  @Override
  public void close() {
    ended.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running; it returns now that the work has ended.
    }
  }
}
