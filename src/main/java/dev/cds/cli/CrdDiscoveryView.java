package dev.cds.cli;

import dev.cds.cards.Wrapper;
import dev.cds.crd.ConfigurationOption;
import dev.cds.crd.CrdService;
import dev.cds.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * The Da Vinci CRD part of {@code cds discover}'s table: per CRD service, the versions it lists
 * and its configuration options (code, type, default, name, then the description wrapped to the
 * width).
 */
final class CrdDiscoveryView {
  /** Below this many columns for the name, options are not laid out as a table. */
  private static final int MIN_NAME = 16;

  private CrdDiscoveryView() {}

  /** The block under the services table, or "" when no service advertises CRD. */
  static String render(List<Service> services, int width) {
    List<String> out = new ArrayList<>();
    for (Service s : services) {
      if (!CrdService.advertised(s.node())) {
        continue;
      }
      CrdService crd = CrdService.of(s.node());
      out.add("");
      out.add(clean(s.id()) + " (" + clean(s.hook()) + "): CRD "
          + (crd.versions().isEmpty() ? "version not declared" : String.join(", ", crd.versions().stream().map(CrdDiscoveryView::clean).toList()))
          + (crd.options().isEmpty() ? ", no configuration options" : ""));
      int code = crd.options().stream().mapToInt(o -> clean(o.code()).length()).max().orElse(0);
      int def = Math.max(7, crd.options().stream().mapToInt(o -> clean(o.defaultText()).length()).max().orElse(0));
      for (ConfigurationOption o : crd.options()) {
        String head = "  " + pad(clean(o.code()), code) + "  " + pad(o.type() == null ? "?" : clean(o.type()), 7) + "  "
            + pad(o.defaultValue() == null ? "(none)" : clean(o.defaultText()), def) + "  ";
        String name = o.name() == null ? "" : clean(o.name());
        if (width - head.length() >= MIN_NAME) {
          List<String> lines = Wrapper.plain(name, width - head.length(), "");
          for (int i = 0; i < lines.size(); i++) {
            out.add(((i == 0 ? head : " ".repeat(head.length())) + lines.get(i)).stripTrailing());
          }
        } else {
          // too narrow for columns: code, type and default flow as one line
          out.addAll(Wrapper.plain(clean(o.code()) + " (" + (o.type() == null ? "?" : clean(o.type())) + ", default "
              + (o.defaultValue() == null ? "none" : clean(o.defaultText())) + ") " + name, width, "  "));
        }
        if (o.description() != null) {
          out.addAll(Wrapper.plain(clean(o.description()), width, "      "));
        }
      }
    }
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** What a server wrote, without control or bidi characters that could rewrite the terminal. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\p{Cf}]", " ");
  }
}
