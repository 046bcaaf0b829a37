/**
 * Fidelity: what a recipient gets of an item, as an agreement sets it. Applied by the provider's side
 * when an item is released, so a recipient's picture never holds more than the agreement gave it.
 *
 * In order: (1) Gaussian noise on each position axis, (2) rounding of each axis to a grid, (3) identity
 * downgrade, (4) fields stripped. Noise comes first so the recipient only ever sees grid values.
 *
 * Noise is drawn from a seeded stream the caller passes (`() => number` in [0, 1), e.g. an
 * engine/rng.ts stream's `next`), so a run stays a pure function of its seed. Each noisy position takes
 * exactly four draws (two Box-Muller pairs, the fourth normal unused); a fidelity without noise takes
 * none. The caller should give each (agreement, product) its own stream, so that adding an agreement
 * never shifts the noise of another.
 *
 * Read next: routes.ts (which fidelity an item travels with).
 */
import type { FidelityModel } from '../model.js';

/** `full`: the recipient learns which object an item is about; `unknown`: only where it is. */
export const IDENTITY_FIDELITIES = ['full', 'unknown'] as const;
export type IdentityFidelity = (typeof IDENTITY_FIDELITIES)[number];

/**
 * Fields an agreement may strip, by the key items use for them: `source` (the sensors and sites that
 * observed: they reveal capability), `name`, `noradId`, `rcsM2` (radar cross-section),
 * `velTemeKmPerS` (velocity, TEME, km/s), `uncertaintyKm` (the position uncertainty).
 */
export const STRIP_FIELDS = ['source', 'name', 'noradId', 'rcsM2', 'velTemeKmPerS', 'uncertaintyKm'] as const;
export type StripField = (typeof STRIP_FIELDS)[number];

/** A fidelity that passes items unchanged: the default of an agreement. */
export const FULL_FIDELITY: FidelityModel = Object.freeze({ positionNoiseKm: 0, positionRoundingKm: 0, identity: 'full', strip: Object.freeze([]) as readonly StripField[] });

/**
 * What an identity downgrade writes over each identity key an item has (keys it lacks are not added):
 * the recipient receives an uncorrelated object, as a sensor report of an unidentified object would be.
 */
export const UNKNOWN_IDENTITY: Readonly<Record<string, string | null>> = Object.freeze({
  objectId: 'UNKNOWN',
  name: 'UNKNOWN',
  noradId: null,
  objectKind: 'unknown',
  objectOwner: null,
});

/** A uniform draw in [0, 1) from a seeded stream. */
export type Draw = () => number;

/** The item keys fidelity reads: a position in TEME, km, when the item has one. */
export interface FidelityTarget {
  readonly posTemeKm?: readonly number[];
}

/** An item after fidelity: stripped keys may be gone. */
export type Degraded<T> = Omit<T, StripField> & Partial<Pick<T, StripField & keyof T>>;

/** True when `f` changes nothing. */
export function isFullFidelity(f: FidelityModel): boolean {
  return f.positionNoiseKm === 0 && f.positionRoundingKm === 0 && f.identity === 'full' && f.strip.length === 0;
}

/**
 * Two independent standard normal numbers from two uniform draws (Box-Muller, basic form: Box and
 * Muller, Ann. Math. Statist. 29 (1958) 610). `1 - u1` lies in (0, 1], so the logarithm is finite.
 */
export function gaussianPair(draw: Draw): [number, number] {
  const u1 = draw();
  const u2 = draw();
  const radius = Math.sqrt(-2 * Math.log(1 - u1));
  const angle = 2 * Math.PI * u2;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** `valueKm` rounded to the nearest multiple of `gridKm` (unchanged when gridKm is 0); never -0. */
export function roundToGridKm(valueKm: number, gridKm: number): number {
  if (gridKm <= 0) return valueKm;
  const rounded = Math.round(valueKm / gridKm) * gridKm;
  return rounded === 0 ? 0 : rounded;
}

/** A position as the recipient receives it: noise (4 draws when positionNoiseKm > 0), then rounding. */
export function degradePositionKm(posKm: readonly number[], fidelity: FidelityModel, draw: Draw): [number, number, number] {
  let [x, y, z] = posKm;
  const sigmaKm = fidelity.positionNoiseKm;
  if (sigmaKm > 0) {
    const [n0, n1] = gaussianPair(draw);
    const [n2] = gaussianPair(draw);
    x += sigmaKm * n0;
    y += sigmaKm * n1;
    z += sigmaKm * n2;
  }
  const gridKm = fidelity.positionRoundingKm;
  return [roundToGridKm(x, gridKm), roundToGridKm(y, gridKm), roundToGridKm(z, gridKm)];
}

/**
 * A copy of `item` as the recipient receives it (the item itself is not changed): its `posTemeKm`
 * degraded, its identity keys overwritten when the identity is `unknown`, the `strip` keys removed.
 */
export function applyFidelity<T extends FidelityTarget>(item: T, fidelity: FidelityModel, draw: Draw): Degraded<T> {
  const out = { ...item } as Record<string, unknown>;
  if (item.posTemeKm !== undefined) out.posTemeKm = degradePositionKm(item.posTemeKm, fidelity, draw);
  if (fidelity.identity === 'unknown') {
    for (const [key, value] of Object.entries(UNKNOWN_IDENTITY)) if (key in out) out[key] = value;
  }
  for (const key of fidelity.strip) delete out[key];
  return out as Degraded<T>;
}
