package dev.cds.load;

import java.io.IOException;

/** An answer longer than the size cap: declared so by its Content-Length, or found so while reading it. */
final class ResponseTooLarge extends IOException {
  ResponseTooLarge(String message) {
    super(message);
  }
}
