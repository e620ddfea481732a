package dev.cds.auth;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to move private keys between their PEM containers: the JDK reads and writes
 * PKCS#8 only, while OpenSSL's traditional PKCS#1 (RSA) and SEC1 (EC) files need wrapping.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  /** One tag-length-value element. */
  record Element(int tag, byte[] value) {
    List<Element> children() {
      return parseAll(value);
    }

    /** Context-specific constructed tag number, e.g. 0 for {@code [0]}, or -1. */
    int contextTag() {
      return (tag & 0xE0) == 0xA0 ? tag & 0x1F : -1;
    }
  }

  private Der() {}

  static Element parse(byte[] der) {
    List<Element> all = parseAll(der);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one DER element, found " + all.size());
    }
    return all.get(0);
  }

  static List<Element> parseAll(byte[] der) {
    List<Element> out = new ArrayList<>();
    int i = 0;
    while (i < der.length) {
      int tag = der[i++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        throw new IllegalArgumentException("multi-byte DER tags are not used by key formats");
      }
      if (i >= der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int len = der[i++] & 0xFF;
      if (len > 0x7F) {
        int bytes = len & 0x7F;
        if (bytes == 0 || bytes > 4 || i + bytes > der.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        len = 0;
        for (int k = 0; k < bytes; k++) {
          len = (len << 8) | (der[i++] & 0xFF);
        }
      }
      // compared as len > remaining: i + len overflows for lengths near 2^31
      if (len < 0 || len > der.length - i) {
        throw new IllegalArgumentException("a DER length runs past the end of the data");
      }
      out.add(new Element(tag, Arrays.copyOfRange(der, i, i + len)));
      i += len;
    }
    return out;
  }

  static byte[] encode(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    byte[] value = content.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int len = value.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      byte[] lenBytes = java.math.BigInteger.valueOf(len).toByteArray();
      int skip = lenBytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (lenBytes.length - skip));
      out.write(lenBytes, skip, lenBytes.length - skip);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return encode(SEQUENCE, parts);
  }

  static byte[] integer(long v) {
    return encode(INTEGER, java.math.BigInteger.valueOf(v).toByteArray());
  }

  /** An OID in dotted form, e.g. {@code 1.3.132.0.34}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = 1;
      for (long t = arc >>> 7; t > 0; t >>>= 7) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((arc >>> (7 * g)) & 0x7F);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return encode(OID, out.toByteArray());
  }

  /** The dotted form of an OID element's value. */
  static String oidText(byte[] value) {
    if (value.length == 0) {
      throw new IllegalArgumentException("an empty OID");
    }
    StringBuilder sb = new StringBuilder();
    sb.append(value[0] / 40 >= 2 ? 2 : value[0] / 40).append('.');
    sb.append(value[0] / 40 >= 2 ? value[0] - 80 : value[0] % 40);
    long arc = 0;
    for (int i = 1; i < value.length; i++) {
      arc = (arc << 7) | (value[i] & 0x7F);
      if ((value[i] & 0x80) == 0) {
        sb.append('.').append(arc);
        arc = 0;
      }
    }
    return sb.toString();
  }
}
