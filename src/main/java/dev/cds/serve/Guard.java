package dev.cds.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cds.core.OperationOutcomes;
import java.io.IOException;

/**
 * Around every handler of {@code cds serve}: a refusal ({@link HttpFailure}) becomes its
 * OperationOutcome, anything else thrown becomes a 500 with one (never an empty reply, which
 * clients report as a broken connection), and each exchange is logged.
 */
final class Guard implements HttpHandler {
  private final HttpHandler inner;
  private final ServerLog log;

  Guard(HttpHandler inner, ServerLog log) {
    this.inner = inner;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) {
    long start = System.nanoTime();
    try (ex) {
      answer(ex);
      log.line(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getResponseCode() + " "
          + (System.nanoTime() - start) / 1_000_000 + "ms");
    } catch (IOException e) {
      // the client went away, or was cut off at the read deadline: there is no one to answer
      log.line("dropped " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
    }
  }

  private void answer(HttpExchange ex) throws IOException {
    try {
      inner.handle(ex);
    } catch (HttpFailure f) {
      if (!Replies.sent(ex)) {
        Replies.failure(ex, f);
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable e) {
      // a server thread answers whatever failed, even an Error, and goes on serving
      log.line("error: " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
      if (!Replies.sent(ex)) {
        Replies.json(ex, 500, OperationOutcomes.error("exception",
            "cds serve failed to answer (" + e.getClass().getSimpleName() + "); its log has the details"));
      }
    }
  }
}
