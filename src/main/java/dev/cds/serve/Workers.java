package dev.cds.serve;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * The requests answered at once ({@code --threads}). A permit is taken only once a request has
 * been read in full, so clients that send slowly hold a connection thread, never a worker.
 */
final class Workers {
  /** Work that writes its answer itself. */
  @FunctionalInterface
  interface Answer {
    void run() throws IOException;
  }

  private final Semaphore permits;

  Workers(int count) {
    this.permits = new Semaphore(count);
  }

  void run(Answer answer) throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpFailure(503, "transient", "the server is stopping");
    }
    try {
      answer.run();
    } finally {
      permits.release();
    }
  }
}
