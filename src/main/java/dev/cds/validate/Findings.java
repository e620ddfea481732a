package dev.cds.validate;

import dev.cds.core.SpecVersion;
import java.util.ArrayList;
import java.util.List;

/** The findings of one validation run, in the order the checks found them. */
public final class Findings {
  private final List<Finding> list = new ArrayList<>();
  private final SpecVersion spec;

  Findings() {
    this(SpecVersion.DEFAULT);
  }

  Findings(SpecVersion spec) {
    this.spec = spec;
  }

  /** The CDS Hooks version the document is checked against. */
  SpecVersion spec() {
    return spec;
  }

  public void error(String rule, String path, String message) {
    list.add(Finding.error(rule, path, message));
  }

  public void warning(String rule, String path, String message) {
    list.add(Finding.warning(rule, path, message));
  }

  void note(String rule, String path, String message) {
    list.add(Finding.note(rule, path, message));
  }

  /**
   * A rule that exists only in CDS Hooks 3.0: an error under 3.0, a warning under 2.0 (where the
   * document uses a feature the published version does not define).
   */
  void since3(String rule, String path, String message) {
    if (spec.atLeast(SpecVersion.V3_0)) {
      error(rule, path, message);
    } else {
      warning(rule, path, message + " (an error under CDS Hooks 3.0)");
    }
  }

  void add(Finding finding) {
    list.add(finding);
  }

  List<Finding> list() {
    return List.copyOf(list);
  }
}
