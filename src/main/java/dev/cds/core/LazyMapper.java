package dev.cds.core;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Holds {@link Json#MAPPER}. A class does not initialise the interfaces it implements, so the
 * mapper (tens of milliseconds of start-up) is built on the first read of {@code Json.MAPPER},
 * not on the first {@code Json.parse}, which streams and needs no mapper.
 */
interface LazyMapper {
  /** Shared and never reconfigured after this initialiser: thread-safe by Jackson's contract. */
  ObjectMapper MAPPER = Json.newMapper();
}
