package dev.cds.validate;

import java.util.ArrayList;
import java.util.List;

/** The findings of one validation run, in the order the checks found them. */
final class Findings {
  private final List<Finding> list = new ArrayList<>();

  void error(String rule, String path, String message) {
    list.add(Finding.error(rule, path, message));
  }

  void warning(String rule, String path, String message) {
    list.add(Finding.warning(rule, path, message));
  }

  void add(Finding finding) {
    list.add(finding);
  }

  List<Finding> list() {
    return List.copyOf(list);
  }
}
