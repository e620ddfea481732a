package dev.cds.conformance;

import dev.cds.client.Discovery;
import dev.cds.client.Endpoints;
import dev.cds.validate.Validator;

/** What every probe knows of the run: where the server is, what it offered, and how to judge answers. */
record Target(Endpoints endpoints, Discovery discovery, TestSettings settings, Validator validator) {}
