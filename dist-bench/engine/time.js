/**
 * Simulation time. Time is an integer tick count; the wall clock never enters the engine.
 *
 * `simTimeMs = epochMs + tick * stepMs` is computed by multiplication, never by accumulating `stepMs`,
 * so tick 1,000,000 lands on exactly the same millisecond on every machine (no floating drift).
 * Both `epochMs` and `stepMs` are integers (UTC milliseconds since 1970-01-01, and milliseconds).
 *
 * Read next: schedule.ts (what one tick does), physics/frames.ts (time scales for Earth rotation).
 */
/** Default step: 10 s. Long enough to step a 15k-object catalog in real time at 3600x, short
 * enough that a LEO object moves ~75 km between samples (access windows are refined by bisection). */
export const STEP_MS_DEFAULT = 10_000;
/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2440587.5;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;
/** UTC ms of `tick`: multiplication, not accumulation. */
export function simTimeMs(time, tick) {
    return time.epochMs + tick * time.stepMs;
}
/** Julian date (UTC) of a UTC ms timestamp. */
export function jdFromMs(utcMs) {
    return JD_UNIX_EPOCH + utcMs / MS_PER_DAY;
}
/** UTC ms of a Julian date given as whole + fraction (split to keep precision). */
export function msFromJd(jd, jdFraction = 0) {
    return (jd - JD_UNIX_EPOCH) * MS_PER_DAY + jdFraction * MS_PER_DAY;
}
/** The number of whole ticks needed to cover `durationMs` (rounded up). */
export function ticksFor(time, durationMs) {
    return Math.ceil(durationMs / time.stepMs);
}
/** ISO 8601 UTC text of a ms timestamp, e.g. `2026-03-19T00:00:10.000Z`. */
export function isoUtc(utcMs) {
    return new Date(utcMs).toISOString();
}
//# sourceMappingURL=time.js.map