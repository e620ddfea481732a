package dev.cds.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The link targets in a card's markdown {@code detail}, as an EHR's markdown renderer would
 * resolve them: inline links and images, reference definitions, autolinks and the {@code href} or
 * {@code src} of raw HTML, with backslash escapes and character references decoded (CommonMark
 * turns {@code javascript&#58;x} into {@code javascript:x}).
 */
final class MarkdownLinks {
  private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*(<[^>\\n]*>|[^\\s)]*)");
  private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:\\s*(<[^>\\n]*>|\\S+)");
  private static final Pattern AUTOLINK = Pattern.compile("<([A-Za-z][A-Za-z0-9+.\\-]{1,31}:[^<>\\s]*)>");
  private static final Pattern HTML_URL = Pattern.compile(
      "(?i)(?:href|src|action|formaction|xlink:href|poster|background)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
  private static final Pattern ESCAPE = Pattern.compile("\\\\(\\p{Punct})");
  private static final Pattern NUMERIC = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?");

  private MarkdownLinks() {}

  static List<String> targets(String markdown) {
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(INLINE, REFERENCE, AUTOLINK, HTML_URL)) {
      Matcher m = p.matcher(markdown);
      while (m.find()) {
        out.add(decode(unwrap(m.group(1))));
      }
    }
    return out;
  }

  private static String unwrap(String target) {
    if (target.length() >= 2 && (target.startsWith("<") && target.endsWith(">")
        || target.startsWith("\"") && target.endsWith("\"") || target.startsWith("'") && target.endsWith("'"))) {
      return target.substring(1, target.length() - 1);
    }
    return target;
  }

  /** Backslash escapes, numeric character references and the named ones that spell a scheme. */
  private static String decode(String target) {
    Matcher e = ESCAPE.matcher(target);
    StringBuilder unescaped = new StringBuilder();
    while (e.find()) {
      e.appendReplacement(unescaped, Matcher.quoteReplacement(e.group(1)));
    }
    String s = e.appendTail(unescaped).toString();
    Matcher m = NUMERIC.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      int cp = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
      m.appendReplacement(b, Matcher.quoteReplacement(Character.isValidCodePoint(cp) ? Character.toString(cp) : ""));
    }
    m.appendTail(b);
    return b.toString().replaceAll("(?i)&colon;", ":").replaceAll("(?i)&(tab|newline);", "");
  }
}
