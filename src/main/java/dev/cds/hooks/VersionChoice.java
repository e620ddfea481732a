package dev.cds.hooks;

/**
 * The hook version a command works with, and why it was chosen, for {@code -v} and warnings.
 *
 * @param definition the catalog's definition of that version; null for a hook cds does not know
 * @param version the version used (the catalog's), or the one asked for when the hook is unknown
 * @param reason why this version, in a few words ("advertised by the service", …)
 * @param warning set when the asked or advertised version is unknown and a nearby one is used
 */
public record VersionChoice(HookDefinition definition, String version, String reason, String warning) {}
