/**
 * How big a target looks when the scenario does not say: radar cross-section by object kind, and the
 * optical standard magnitude of a diffuse sphere of that cross-section (physics/optical.ts).
 *
 * The RCS defaults are round figures in the ranges the public SATCAT's RCS_SIZE classes use (small
 * < 0.1 m^2, medium 0.1-1 m^2, large > 1 m^2): payloads large-ish, rocket bodies large, debris small.
 * They are exercise values, not measurements; give `rcsM2` on an object to override.
 */
import type { OrbitalObjectModel } from '../model.js';
import { standardMagnitudeFromAreaM2 } from '../physics/optical.js';

export const RCS_DEFAULT_M2: Readonly<Record<OrbitalObjectModel['kind'], number>> = Object.freeze({
  payload: 1,
  'rocket-body': 4,
  debris: 0.05,
  unknown: 0.1,
});

export function rcsOf(o: OrbitalObjectModel): number {
  return o.rcsM2 ?? RCS_DEFAULT_M2[o.kind];
}

export function standardMagnitudeOf(o: OrbitalObjectModel): number {
  return o.standardMagnitude ?? standardMagnitudeFromAreaM2(rcsOf(o));
}
