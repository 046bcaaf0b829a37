/**
 * Durations and epochs as planners write them: `90s`, `6h`, `1h30m`, `500ms`, `2d`; epochs as ISO 8601
 * UTC (`2026-03-19T00:00:00Z`). Parsing returns null on bad text so the loader can say where and why.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** One or more number+unit parts, largest first: 1d2h, 1h30m, 90s, 0.5s, 250ms. */
export const DURATION_PATTERN = /^(\d+(\.\d+)?(ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
/** Milliseconds of a duration text, rounded to whole ms; null when the text is not a duration. */
export function parseDurationMs(text) {
    const trimmed = text.trim();
    if (!DURATION_PATTERN.test(trimmed))
        return null;
    let total = 0;
    for (const m of trimmed.matchAll(PART))
        total += Number(m[1]) * UNIT_MS[m[2]];
    return Math.round(total);
}
/** A duration in ms as short text: 3600000 -> `1h`, 5400000 -> `1h30m`, 1500 -> `1s500ms`. */
export function formatDuration(ms) {
    if (ms === 0)
        return '0s';
    let rest = Math.round(ms);
    let out = '';
    for (const unit of ['d', 'h', 'm', 's', 'ms']) {
        const size = UNIT_MS[unit];
        const n = Math.floor(rest / size);
        if (n > 0) {
            out += `${n}${unit}`;
            rest -= n * size;
        }
    }
    return out;
}
/** ISO 8601 UTC with an explicit Z (or +00:00); no local times: an exercise runs on one clock. */
export const EPOCH_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|\+00:00)$/;
/** UTC ms of an ISO epoch, or null when it is not a valid UTC timestamp. */
export function parseEpochMs(text) {
    if (!EPOCH_PATTERN.test(text))
        return null;
    const ms = Date.parse(text);
    if (!Number.isFinite(ms))
        return null;
    // Date.parse rolls 2026-02-30 over to March: reject dates that do not round-trip.
    const [y, mo, d] = text.slice(0, 10).split('-').map(Number);
    const back = new Date(ms);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d)
        return null;
    return ms;
}
//# sourceMappingURL=durations.js.map