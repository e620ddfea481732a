package dev.cds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cds.call.CallResult;
import dev.cds.call.Envelopes;
import dev.cds.call.HookCall;
import dev.cds.call.ServiceCall;
import dev.cds.cards.CardRenderer;
import dev.cds.cards.RenderOptions;
import dev.cds.core.DisplayWidth;
import dev.cds.core.Json;
import dev.cds.core.Sanitizer;
import dev.cds.http.VerboseTransport;
import dev.cds.validate.Finding;
import dev.cds.validate.FindingsRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a call's result reaches the user. The shape of {@code --output json} follows what the user
 * typed, never the server: a service id prints that service's response body (nothing on stdout
 * when it failed); a hook prints one ndjson envelope per service, even for one service. Pretty
 * output shows each service's cards with the findings under the card they point to. Messages
 * about the run go to stderr.
 */
final class CallOutput {
  private final CliContext ctx;
  private final boolean json;
  private final boolean verbose;
  private final RenderOptions render;

  CallOutput(CliContext ctx, GlobalOptions global, RenderOptions render) {
    this.ctx = ctx;
    this.json = global.json(ctx);
    this.verbose = global.verbose();
    this.render = render;
  }

  /**
   * On a terminal, with several services: each service's cards as soon as it answers, below those
   * already shown (nothing printed moves), and a status line on stderr naming the services still
   * pending. Pipes stay quiet and get everything at the end, in discovery order.
   */
  HookCall.Listener listener(HookCall.Prepared p) {
    if (json || !ctx.stdoutIsTerminal() || p.calls().size() < 2) {
      return HookCall.Listener.NONE;
    }
    List<String> order = new ArrayList<>();
    for (ServiceCall c : p.calls()) {
      order.add(c.service().id());
    }
    live = new LiveOutput(order);
    return live;
  }

  /** Prints each service when it answers; a spinner names the rest. */
  private final class LiveOutput implements HookCall.Listener {
    private final List<String> order;
    private final java.util.Map<String, ServiceCall> done = new java.util.HashMap<>();
    private final int[] totals = new int[4];
    private int printed;
    private int frame;
    private final Thread spinner;

    LiveOutput(List<String> order) {
      this.order = order;
      spinner = new Thread(new Runnable() {
        @Override
        public void run() {
          try {
            while (!Thread.currentThread().isInterrupted()) {
              status();
              Thread.sleep(120);
            }
          } catch (InterruptedException stop) {
            // the last answer is in
          }
        }
      }, "cds-status");
      spinner.setDaemon(true);
      spinner.start();
    }

    @Override
    public synchronized void answered(ServiceCall call) {
      done.put(call.service().id(), call);
      clearStatus();
      CardRenderer renderer = new CardRenderer(render);
      // printed blocks never move: each service appears once, when it answers
      if (printed > 0) {
        ctx.out().println();
      }
      for (String line : renderer.service(new CardRenderer.Shown(call.outcome(), call.responseFindings()), totals)) {
        ctx.out().println(line);
      }
      printed++;
      ctx.out().flush();
      if (printed == order.size()) {
        spinner.interrupt();
      } else {
        status();
      }
    }

    private synchronized void status() {
      if (printed == order.size()) {
        return;
      }
      String frames = "|/-\\";
      List<String> pending = new ArrayList<>();
      for (String id : order) {
        if (!done.containsKey(id)) {
          pending.add(id);
        }
      }
      String line = frames.charAt(frame++ % frames.length()) + " waiting for " + String.join(", ", pending);
      // one column short of the width, so the terminal never wraps it
      ctx.err().print("\r" + DisplayWidth.truncate(ctx.glyphs().text(line), render.width() - 1, ctx.glyphs().ellipsis())
          + "\u001b[K");
      ctx.err().flush();
    }

    private void clearStatus() {
      ctx.err().print("\r\u001b[K");
      ctx.err().flush();
    }

    synchronized String footer(CallResult r) {
      spinner.interrupt();
      clearStatus();
      int failed = 0;
      for (ServiceCall c : r.calls()) {
        failed += c.failed() ? 1 : 0;
      }
      return "\n" + CardRenderer.totals(totals)
          + (failed == 0 ? "" : " · " + failed + (failed == 1 ? " service" : " services") + " failed") + "\n";
    }
  }

  private LiveOutput live;

  /** Run notes, per-service version and prefetch messages, and request findings; true when blocked. */
  void before(HookCall.Prepared p, boolean blockInvalid) {
    PrintWriter err = ctx.err();
    for (String n : p.notes()) {
      err.println("cds: warning: " + Sanitizer.line(n));
    }
    FindingsRenderer findings = new FindingsRenderer(false);
    for (ServiceCall c : p.calls()) {
      String id = Sanitizer.line(c.service().id());
      if (verbose && c.version().version() != null) {
        err.println("cds: " + id + ": " + c.service().hook() + " " + c.version().version() + " (" + c.version().reason() + ")");
      }
      for (String w : c.prefetch().warnings()) {
        err.println("cds: warning: " + id + ": " + w);
      }
      for (Finding f : c.requestFindings()) {
        if (f.isError() || verbose) {
          err.println("cds: " + (f.isError() && !blockInvalid ? "warning (sent anyway): " : "") + "request to " + id + ": "
              + findings.line(f));
        }
      }
    }
    if (p.blocked(new dev.cds.call.CallSpec.Checks(blockInvalid, false, false))) {
      err.println("cds: the request breaks the spec (see above): fix it, or send it anyway with --no-validate");
    }
  }

  /** {@code --dry-run}: each service's prefetch report and request, with secrets redacted. */
  void dryRun(HookCall.Prepared p, String baseUrl) {
    for (ServiceCall c : p.calls()) {
      if (json) {
        ObjectNode n = Json.object();
        n.put("service", c.service().id());
        n.set("prefetch", c.prefetch().toJson());
        n.set("request", Json.parse(VerboseTransport.redact(Json.compact(c.request())), "request"));
        ctx.out().println(Json.compact(n));
      } else {
        ctx.out().println(DisplayWidth.truncate("== " + Sanitizer.line(c.service().id()) + " (" + baseUrl
            + "/cds-services/" + Sanitizer.line(c.service().id()) + ")", ctx.tableWidth(), ctx.glyphs().ellipsis()));
        ctx.out().print(c.prefetch().table(ctx.tableWidth(), ctx.glyphs()));
        ctx.out().println(VerboseTransport.redact(Json.pretty(c.request())));
      }
    }
  }

  /** The result on stdout; failures, findings of a single body and the CI verdict on stderr. */
  void result(CallResult r) {
    List<ServiceCall> sent = new ArrayList<>();
    for (ServiceCall c : r.calls()) {
      if (c.sent()) {
        sent.add(c);
      }
    }
    if (json && r.byHook()) {
      for (ServiceCall c : sent) {
        ctx.out().println(Json.compact(Envelopes.of(c)));
      }
    } else if (json) {
      ServiceCall c = sent.get(0);
      if (c.failed()) {
        ctx.err().println("cds: " + Sanitizer.line(c.service().id()) + ": " + Sanitizer.line(c.outcome().error()));
      } else {
        ctx.out().println(Json.pretty(c.outcome().body()));
        FindingsRenderer findings = new FindingsRenderer(false);
        for (Finding f : c.responseFindings()) {
          ctx.err().println("cds: warning: " + Sanitizer.line(c.service().id()) + " response: " + findings.line(f));
        }
      }
    } else if (live != null) {
      ctx.out().print(live.footer(r));
    } else {
      List<CardRenderer.Shown> shown = new ArrayList<>();
      for (ServiceCall c : sent) {
        shown.add(new CardRenderer.Shown(c.outcome(), c.responseFindings()));
      }
      ctx.out().print(new CardRenderer(render).render(shown));
    }
    ctx.out().flush();
    if (r.verdict() != null) {
      ctx.err().print(r.verdict().report(new RenderOptions(render.width(), false), SettingNames::flag));
      ctx.err().flush();
    }
  }
}
