package dev.cds.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cds.core.CdsException;
import dev.cds.core.Setting;
import dev.cds.core.SpecVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A CDS service on the JDK's {@link HttpServer} (or {@link HttpsServer}): discovery, hook calls
 * answered from {@link ServiceDefinition}s, and feedback, plus whatever is mounted beside them.
 *
 * <p>The JDK server reads a request's headers on the thread that will answer it. So connections
 * get their own, elastic pool (a slow client holds one of those, and is cut off at the read
 * deadline), while the {@code threads} given to {@link #start} bound only the requests answered at
 * once ({@link Workers}): a load test still measures the client, and slow clients cannot starve it.
 */
public final class CdsServer implements AutoCloseable {
  /** Connections that may be reading their request at once, beyond the workers; more are refused. */
  static final int CONNECTION_HEADROOM = 256;

  /** Limits on what a client may send: body size, and the time to send a whole request. */
  public record Limits(int maxRequestBytes, Duration readTimeout) {
    public static final Limits DEFAULT = new Limits(1 << 20, Duration.ofSeconds(10));
  }

  private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
  private final List<RequestGate> gates = new ArrayList<>();
  private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();
  private final ServerLog log;
  private final Clock clock;
  private Recorder recorder;
  private Limits limits = Limits.DEFAULT;
  private String publicUrl;
  private SSLContext tls;
  private SpecVersion spec = SpecVersion.DEFAULT;
  private HttpServer server;
  private ThreadPoolExecutor pool;

  public CdsServer(List<ServiceDefinition> definitions, PrintWriter log, Clock clock) {
    definitions.forEach(d -> services.put(d.id(), d));
    this.log = new ServerLog(log);
    this.clock = clock;
  }

  /**
   * The CDS Hooks version discovery speaks: from 3.0 on each entry carries {@code version} and,
   * when the definition has one, {@code hookVersion}.
   */
  public CdsServer spec(SpecVersion version) {
    this.spec = version;
    return this;
  }

  /** Write each received hook request and feedback to a file in {@code dir}. */
  public CdsServer record(Path dir) {
    this.recorder = new Recorder(dir, clock);
    return this;
  }

  public CdsServer gate(RequestGate gate) {
    gates.add(gate);
    return this;
  }

  /** Serves another handler under {@code path} (e.g. a FHIR endpoint at {@code /fhir}); no gate applies. */
  public CdsServer mount(String path, HttpHandler handler) {
    mounts.put(path, handler);
    return this;
  }

  public CdsServer limits(Limits limits) {
    this.limits = limits;
    return this;
  }

  /**
   * The base URL clients call when it is not the bound address (a host name, a proxy): the
   * audience a JWT must name is built from it, never from the request's {@code Host} header.
   */
  public CdsServer publicUrl(String url) {
    this.publicUrl = url.replaceAll("/+$", "");
    return this;
  }

  /** Speak https with this context's certificate. */
  public CdsServer tls(SSLContext context) {
    this.tls = context;
    return this;
  }

  public CdsServer start(String host, int port, int threads) {
    if (port < 0 || port > 65535) {
      throw CdsException.usage("{0} {1} is out of range: use 0 (any free port) to 65535", Setting.PORT, port);
    }
    configureJdkServer(limits.readTimeout());
    try {
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (tls == null) {
        server = HttpServer.create(address, 256);
      } else {
        HttpsServer https = HttpsServer.create(address, 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw CdsException.usage("cannot listen on {0}:{1}: {2} (is the port in use? {3} 0 picks a free one)", host, port,
          e.getMessage(), Setting.PORT);
    }
    // beyond the core threads, each connection being read gets a thread of its own, up to the
    // headroom; past it the JDK closes new connections at once rather than queueing them
    pool = new ThreadPoolExecutor(threads, threads + CONNECTION_HEADROOM, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "cds-serve");
          t.setDaemon(true);
          return t;
        });
    server.setExecutor(pool);
    Workers workers = new Workers(threads);
    server.createContext(ServiceEndpoint.PATH, new Guard(new ServiceEndpoint(services, gates, recorder, log,
        workers, publicUrl(), limits.maxRequestBytes(), clock, spec), log));
    mounts.forEach((path, handler) -> server.createContext(path, new Guard(ex -> workers.run(() -> handler.handle(ex)), log)));
    if (!mounts.containsKey("/")) {
      server.createContext("/", new Guard(ex -> {
        throw HttpFailure.notFound("nothing here: the CDS services are under /cds-services");
      }, log));
    }
    server.start();
    return this;
  }

  /**
   * Set before the JDK reads them, once, when the process makes its first server (in
   * {@code cds serve}, this one). {@code maxReqTime} closes a connection that has not sent its
   * whole request (headers and body) in time, on JDK 17 as on 25; TCP_NODELAY because the JDK
   * server writes headers and body separately, and with Nagle on the body waits for the client's
   * delayed ACK (40 ms on Linux), capping a keep-alive connection at ~25 calls a second.
   */
  private static void configureJdkServer(Duration readTimeout) {
    long seconds = Math.max(1, (readTimeout.toMillis() + 999) / 1000);
    System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(seconds));
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The bound address as a URL ({@code 127.0.0.1} for a wildcard bind). */
  public String baseUrl() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    return (tls == null ? "http" : "https") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** The base URL a JWT's audience is built from: the configured public URL, else {@link #baseUrl}. */
  public String publicUrl() {
    return publicUrl != null ? publicUrl : baseUrl();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
