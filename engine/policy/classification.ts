/**
 * Classification levels: an ordered list per scenario, lowest first (default UNCLASSIFIED < CONFIDENTIAL <
 * SECRET < TOP SECRET). A level is compared by its place in that list, never by its text, so a scenario
 * may use NATO or national level names.
 *
 * Unknown levels fail closed: `atOrBelow` answers false for a level the list does not hold, so an item
 * with a misspelt level is never released (the loader rejects such levels in scenarios; this guards the
 * items the engine builds).
 *
 * Read next: releasability.ts (the rules that use the ceiling).
 */

/** Place of `level` in `levels` (0 = lowest), or -1 when the scenario has no such level. */
export function levelIndex(level: string, levels: readonly string[]): number {
  return levels.indexOf(level);
}

/**
 * Negative when `a` is below `b`, 0 when equal, positive when above. Throws on a level `levels` does not
 * hold: comparing an unknown level is a programmer error (use `atOrBelow` to decide a release).
 */
export function compareLevels(a: string, b: string, levels: readonly string[]): number {
  const ia = levelIndex(a, levels);
  const ib = levelIndex(b, levels);
  if (ia < 0 || ib < 0) throw new Error(`vigil policy - unknown classification level '${ia < 0 ? a : b}' (levels: ${levels.join(', ')})`);
  return ia - ib;
}

/** True when `level` is at or below `max`; false when either is not one of `levels` (fail closed). */
export function atOrBelow(level: string, max: string, levels: readonly string[]): boolean {
  const i = levelIndex(level, levels);
  const m = levelIndex(max, levels);
  return i >= 0 && m >= 0 && i <= m;
}

/** The lowest level: the ceiling of an agreement that names none (deny by default). */
export function lowestLevel(levels: readonly string[]): string {
  if (levels.length === 0) throw new Error('vigil policy - a scenario needs at least one classification level');
  return levels[0];
}
