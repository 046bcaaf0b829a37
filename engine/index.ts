/**
 * Vigil engine: the only public entry point. Deterministic: no wall clock, no unseeded randomness, no files,
 * no network (a lint in `npm test` enforces it). The CLI, batch workers, the live server and the tests
 * all drive the engine through these names.
 *
 * Typical use: `const sim = await createSim(model); while (sim.tick < n) { step(sim); stateHash(sim); }`.
 */
export { createSim, LimitError, type SimOptions } from './world.js';
export { ArrayArena, ARENA_BYTES_MAX } from './arena.js';
export { addObjects, type Spawned } from './spawn.js';
export { step, SCHEDULE, runSchedule, type System } from './schedule.js';
export { scheduleInject, LIVE_INJECTS_MAX } from './commands.js';
export { rswToTemeKmps, apsidesKm } from './manoeuvre.js';
export { stateHash } from './hash.js';
export { pictureFor, pictureOrbits, statusesFor, whiteView, type PictureOrbit, type StatusView, type Picture, type TrackView, type TrackSource, type UncorrelatedView, type WhiteView } from './picture.js';
export { fuseSigma, sigmaAt, expiryOf, type NationTracks, type TrackTable } from './tracks.js';
export { summarize, type RunSummary, type SensorSummary, type NationSummary, type AgreementSummary } from './summary.js';
export { eventVisibleTo } from './events.js';
export type { LinkStatus, PntStatus, JammerFix } from './ew/status.js';
export type { LinkBudgetParts, TerminalSummary, ReceiverSummary, JammerSummary, SatcomSummary, PntSummary } from './summary.js';
export { RCS_DEFAULT_M2, rcsOf, standardMagnitudeOf } from './sensors/targets.js';
export type { Sim } from './sim.js';
export { EventLog, PUBLIC, WHITE_ONLY, type SimEvent, type EventKind, type EventPayloads } from './events.js';
export { createStream, streamKey, RngStreams, type RngStream } from './rng.js';
export { simTimeMs, jdFromMs, isoUtc, ticksFor, STEP_MS_DEFAULT, type TimeBase } from './time.js';
export type * from './model.js';
export { ORDER_KINDS, LIVE_NONE } from './model-live.js';
export type { PropagatorName } from './propagators/propagator.js';
export { preloadWasm } from './propagators/wasm.js';
export { sharedViewsPart } from './shared-views-part.js';
export { assembleViews, VIEWS_BYTES_MAX, type SharedViews, type ViewsPart } from './sensors/shared-views.js';
export { allocateEphemeris, ephemerisBytes, EPHEMERIS_BYTES_MAX, fillEphemeris, unfilledRanges, type Ephemeris } from './propagators/ephemeris.js';
export { orbitSourcesHash, prepareOrbits, preparedSignature, SATELLITE_JS_VERSION, type PreparedOrbits } from './propagators/prepared.js';
export { accessWindows, type AccessWindow, type AccessOptions } from './physics/access.js';
export { satrecFrom, satrecEpochMs, satrecErrorText, meanMotionRevPerDayFromSemiMajorAxisKm } from './physics/orbit-sources.js';
export * as frames from './physics/frames.js';
export * from './policy/index.js';
export { pictureGlyphs, truthGlyphs, designationOf, geodeticByStable, createGlyphs, GLYPH_CUSTODY, GLYPH_STALE, GLYPH_LOST, GLYPH_UNCORRELATED, STALE_FACTOR, type Glyphs } from './glyphs.js';
export { heldOrbit, recordOrbitChange, ORBIT_CHANGES_MAX, type OrbitChange } from './orbit-history.js';
