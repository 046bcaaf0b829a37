/**
 * Vigil engine: the only public entry point. Deterministic: no wall clock, no Math.random, no files,
 * no network (a lint in `npm test` enforces it). The CLI, batch workers, the live server and the tests
 * all drive the engine through these names.
 *
 * Typical use: `const sim = await createSim(model); while (sim.tick < n) { step(sim); stateHash(sim); }`.
 */
export { createSim, LimitError } from './world.js';
export { step, SCHEDULE, runSchedule } from './schedule.js';
export { stateHash } from './hash.js';
export { summarize } from './summary.js';
export { EventLog, PUBLIC, WHITE_ONLY } from './events.js';
export { createStream, streamKey, RngStreams } from './rng.js';
export { simTimeMs, jdFromMs, isoUtc, ticksFor, STEP_MS_DEFAULT } from './time.js';
export { accessWindows } from './physics/access.js';
export { satrecFrom, satrecEpochMs, satrecErrorText, meanMotionRevPerDayFromSemiMajorAxisKm } from './physics/orbit-sources.js';
export * as frames from './physics/frames.js';
//# sourceMappingURL=index.js.map