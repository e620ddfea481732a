package dev.cds.cli;

import dev.cds.core.SpecVersion;
import picocli.CommandLine.Option;

/**
 * {@code --spec 2.0|3.0}: the CDS Hooks version a command checks and speaks. No picocli default
 * so that a profile's {@code spec = 3.0} reaches it (ProfileDefaults); unset means 2.0, the
 * published version.
 */
public final class SpecOption {
  @Option(names = "--spec", paramLabel = "2.0|3.0",
      description = "CDS Hooks version to follow: 2.0 (published, the default) or 3.0 (its 3.0-only rules"
          + " become errors; under 2.0 they warn when a document uses a 3.0 feature). A profile can set it.")
  String spec;

  public SpecVersion version() {
    try {
      return SpecVersion.parse(spec);
    } catch (dev.cds.core.CdsException e) {
      throw dev.cds.core.CdsException.usage("--spec " + spec + ": use 2.0 or 3.0");
    }
  }
}
