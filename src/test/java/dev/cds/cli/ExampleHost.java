package dev.cds.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One JVM that runs every {@code cds} of the examples test, in the working directory the examples
 * expect: a shell script named {@code cds} ({@link #SHIM}) hands it each command line through a
 * request folder and a loopback socket, so that a real bash does the pipes, redirections, globs and
 * quoting of an example while cds itself runs in-process, warm, in milliseconds.
 *
 * <p>Protocol, one line per connection: {@code run DIR} runs the arguments in {@code DIR/args}
 * (NUL-separated) with the environment in {@code DIR/env} ({@code env -0}) and {@code DIR/stdin},
 * writes {@code DIR/out} and {@code DIR/err} and answers the exit code; {@code serve DIR} starts
 * that command (a {@code cds serve}) in the background and answers the first line it prints, its URL.
 */
public final class ExampleHost {
  /** The {@code cds} on the examples' {@code PATH}. */
  static final String SHIM = """
      #!/usr/bin/env bash
      # cds for the examples test: the command runs in the test's cds host (see ExampleHost)
      req=$(mktemp -d "${CDS_EXAMPLES_REQUESTS:?}/req.XXXXXX")
      for a in "$@"; do printf '%s\\0' "$a"; done > "$req/args"
      env -0 > "$req/env"
      cat > "$req/stdin"
      exec 3<>"/dev/tcp/127.0.0.1/${CDS_EXAMPLES_HOST:?}"
      printf 'run %s\\n' "$req" >&3
      read -r code <&3
      exec 3<&-
      cat "$req/out"
      cat "$req/err" >&2
      rm -rf "$req"
      exit "${code:-70}"
      """;

  private ExampleHost() {}

  public static void main(String[] args) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    System.out.println(server.getLocalPort());
    System.out.flush();
    // the test never writes to our stdin: its end means the test JVM is gone, and so should we be
    Thread orphan = new Thread(() -> {
      try {
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // ended all the same
      }
      System.exit(0);
    });
    orphan.setDaemon(true);
    orphan.start();
    while (true) {
      Socket socket = server.accept();
      Thread t = new Thread(() -> answer(socket));
      t.setDaemon(true);
      t.start();
    }
  }

  private static void answer(Socket socket) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      String reply;
      if (line == null) {
        return;
      } else if (line.startsWith("run ")) {
        reply = String.valueOf(run(Path.of(line.substring(4))));
      } else if (line.startsWith("serve ")) {
        reply = serve(Path.of(line.substring(6)));
      } else {
        reply = "70";
      }
      socket.getOutputStream().write((reply + "\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    } catch (Exception e) {
      e.printStackTrace();
    }
  }

  private static int run(Path req) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = context(req, new PrintWriter(out), new PrintWriter(err));
    int code;
    try {
      code = Main.run(args(req), ctx);
    } catch (RuntimeException | Error e) {
      e.printStackTrace(ctx.err());
      code = 70;
    }
    ctx.out().flush();
    ctx.err().flush();
    Files.writeString(req.resolve("out"), out.toString(), StandardCharsets.UTF_8);
    Files.writeString(req.resolve("err"), err.toString(), StandardCharsets.UTF_8);
    return code;
  }

  /** Starts {@code cds serve …} on a thread and answers its first stdout line (its URL), or {@code -} if it ended. */
  private static String serve(Path req) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    Writer firstLine = new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] cbuf, int off, int len) {
        for (int i = off; i < off + len && !first.isDone(); i++) {
          if (cbuf[i] == '\n') {
            first.complete(line.toString().trim());
          } else {
            line.append(cbuf[i]);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    StringWriter err = new StringWriter();
    CliContext ctx = context(req, new PrintWriter(firstLine, true), new PrintWriter(err, true));
    String[] args = args(req);
    Thread t = new Thread(() -> {
      Main.run(args, ctx);
      first.complete("-");
    });
    t.setDaemon(true);
    t.start();
    String url = first.get(60, TimeUnit.SECONDS);
    Files.writeString(req.resolve("err"), err.toString(), StandardCharsets.UTF_8);
    return url;
  }

  private static CliContext context(Path req, PrintWriter out, PrintWriter err) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String entry : split(Files.readString(req.resolve("env"), StandardCharsets.UTF_8))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    byte[] stdin = Files.readAllBytes(req.resolve("stdin"));
    return new CliContext(out, err, new ByteArrayInputStream(stdin), Map.copyOf(env), Clock.systemUTC(),
        false, false, CliContext.configDir(env));
  }

  private static String[] args(Path req) throws IOException {
    return split(Files.readString(req.resolve("args"), StandardCharsets.UTF_8)).toArray(String[]::new);
  }

  private static List<String> split(String nulSeparated) {
    List<String> parts = new ArrayList<>(Arrays.asList(nulSeparated.split("\0", -1)));
    if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }
}
