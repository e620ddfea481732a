package dev.cds.cli;

import dev.cds.core.CdsException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code -o/--out}: a value that names an output format was almost surely meant for {@code --output}.
 * How the files are written is {@code core.AtomicFiles}'s, described once in {@code cds --help}.
 */
final class OutFile {
  private static final Set<String> FORMATS = Set.of("json", "pretty");

  private OutFile() {}

  /** {@code path} unchanged; a usage error for {@code -o json} or {@code -o pretty}. */
  static Path check(Path path) {
    if (path != null && FORMATS.contains(path.toString())) {
      throw CdsException.usage("-o " + path + " would write a file named '" + path
          + "': did you mean --output " + path + "? (for a file of that name, write -o ./" + path + ")");
    }
    return path;
  }

  /** For {@code -o DIR} (a folder of several files): {@code -} cannot be one, nor a format name. */
  static Path checkFolder(Path dir) {
    check(dir);
    if (dir != null && dir.toString().equals("-")) {
      throw CdsException.usage("-o takes a folder here, for the key files, not - (stdout): give one, e.g. -o keys");
    }
    return dir;
  }
}
