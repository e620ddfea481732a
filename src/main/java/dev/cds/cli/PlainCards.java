package dev.cds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.client.ServiceOutcome;
import java.util.List;

/** A plain rendering of cards until the full renderer lands. */
final class PlainCards {
  private PlainCards() {}

  static String render(List<ServiceOutcome> outcomes) {
    StringBuilder sb = new StringBuilder();
    for (ServiceOutcome o : outcomes) {
      sb.append("== ").append(o.service()).append(" (HTTP ").append(o.status()).append(", ")
          .append(o.elapsedMillis()).append(" ms)\n");
      if (o.body() == null) {
        continue;
      }
      JsonNode cards = o.body().path("cards");
      if (cards.isEmpty()) {
        sb.append("   no cards\n");
      }
      for (JsonNode c : cards) {
        sb.append("[").append(c.path("indicator").asText("?").toUpperCase()).append("] ")
            .append(c.path("summary").asText()).append("\n");
        sb.append("   source: ").append(c.path("source").path("label").asText()).append("\n");
        if (c.has("detail")) {
          sb.append("   ").append(c.get("detail").asText().replace("\n", "\n   ")).append("\n");
        }
        for (JsonNode s : c.path("suggestions")) {
          sb.append("   suggestion: ").append(s.path("label").asText()).append("\n");
        }
        for (JsonNode l : c.path("links")) {
          sb.append("   link: ").append(l.path("label").asText()).append(" <").append(l.path("url").asText()).append(">\n");
        }
      }
    }
    return sb.toString();
  }
}
