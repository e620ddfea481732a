package dev.cds.core;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for hookInstance and jti: unguessable, so from the operating system's
 * CSPRNG. Read straight from {@code /dev/urandom} where it exists — the same source the JDK's
 * NativePRNG uses — because initialising {@link java.security.SecureRandom} (provider list, the
 * java.security file) costs 12–15 ms of every {@code cds init}/{@code cds call}, a tenth of the run.
 * Elsewhere {@link UUID#randomUUID()}.
 */
public final class RandomIds {
  private static final String URANDOM = "/dev/urandom";

  private RandomIds() {}

  public static UUID uuid() {
    byte[] bytes = new byte[16];
    try (InputStream in = new FileInputStream(URANDOM)) {
      if (in.readNBytes(bytes, 0, 16) != 16) {
        return UUID.randomUUID();
      }
    } catch (IOException | SecurityException e) {
      return UUID.randomUUID();
    }
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new UUID(b.getLong(), b.getLong());
  }
}
