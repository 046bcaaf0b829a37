/**
 * The engine's input: a scenario resolved to plain data. The scenario loader (scenarios/load.ts) builds it
 * from YAML and catalog files and checks every reference; the engine trusts it and never reads a file.
 * Every field carries its unit in its name. Ids are strings unique within their kind.
 *
 * Read next: world.ts (createSim turns a model into entities), scenarios/schema.ts (the YAML language).
 */
export {};
//# sourceMappingURL=model.js.map