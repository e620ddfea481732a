package dev.cds.core;

import java.util.concurrent.ThreadFactory;

/**
 * Pool threads with a name that never keep the process alive. A class rather than a lambda: on
 * JDK 17 every lambda links a call site the first time it runs (about 0.2 ms), and pools are made on
 * the path of every call.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String name;

  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
