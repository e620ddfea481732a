package dev.cds.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.core.AtomicFiles;
import dev.cds.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/** Writes each received hook request and feedback to its own file: {@code STAMP-SEQ-SERVICE-INSTANCE.json}. */
final class Recorder {
  /** The part of a file name the client chooses (its hookInstance) stays short: names have a length limit. */
  static final int MAX_INSTANCE_CHARS = 64;

  private final Path dir;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  Recorder(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  void hookRequest(String serviceId, String hookInstance, JsonNode body) {
    write(serviceId, hookInstance, body);
  }

  void feedback(String serviceId, JsonNode body) {
    write(serviceId + "-feedback", String.valueOf(sequence.get()), body);
  }

  private void write(String id, String instance, JsonNode body) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(clock.getZone()).format(clock.instant());
    String safe = instance.replaceAll("[^A-Za-z0-9-]", "_");
    if (safe.length() > MAX_INSTANCE_CHARS) {
      safe = safe.substring(0, MAX_INSTANCE_CHARS);
    }
    String name = String.format("%s-%05d-%s-%s.json", stamp, sequence.incrementAndGet(), id, safe);
    // owner-only: a recorded request may carry fhirAuthorization's access token
    AtomicFiles.privateDirectory(dir);
    AtomicFiles.write(dir.resolve(name), (Json.pretty(body) + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }
}
