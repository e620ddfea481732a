package dev.cds.cli;

import dev.cds.hooks.HookCatalog;
import java.util.Iterator;

/** Hook names for shell completion of {@code init}, {@code hooks show} and {@code call}. */
final class HookNameCandidates implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return HookCatalog.bundled().names().iterator();
  }
}
