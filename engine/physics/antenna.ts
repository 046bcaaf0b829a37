/**
 * Antenna patterns: how much gain a terminal's dish or a satellite's beam has in a direction that is not
 * its boresight. The link budget (link-budget.ts) needs these for every jammer, whose signal almost never
 * arrives on axis.
 *
 * Circular aperture (G. Maral & M. Bousquet, Satellite Communications Systems, section 5.2 on antennas;
 * D. Roddy, Satellite Communications, 4th ed., chapter 6): peak gain G = eta (pi D / lambda)^2 with
 * aperture efficiency eta (0.55-0.75 for reflectors; Vigil's default 0.65), and half-power beamwidth
 * theta3dB ~ 70 lambda / D degrees for a typical tapered illumination. Eliminating D / lambda gives
 * theta3dB = 70 pi sqrt(eta / G): the beamwidth follows from the gain alone, with no frequency (Maral &
 * Bousquet write it G = eta (70 pi / theta3dB)^2, about 29 000 / theta3dB^2 for eta = 0.6).
 *
 * Main lobe: G(theta) = G_peak - 12 (theta / theta3dB)^2 dB, the parabolic law of ITU-R S.672 and S.1528
 * (written there as 3 (psi / psi0)^2 with psi0 the half-power half-angle): -3 dB at theta3dB / 2.
 *
 * Earth-station off-axis gain: the ITU-R S.465-6 reference pattern (coordination and interference, 2 to
 * 31 GHz), a sidelobe envelope
 *   32 - 25 log10(phi) dBi for phi_min <= phi < 48 deg, -10 dBi for 48 <= phi <= 180 deg,
 *   phi_min = max(1, 100 lambda / D) deg for D / lambda >= 50, max(2, 114 (D / lambda)^-1.09) deg below.
 * S.465 does not define the main lobe (phi < phi_min). Vigil uses the parabolic law there and joins it to
 * the envelope by taking whichever is higher: the main-lobe value while it is above the envelope, the
 * envelope after. Below phi_min the envelope is held at its phi_min value (a first-sidelobe plateau, as
 * in the Appendix 8 / S.580 patterns: for D / lambda = 100 both give 32 dBi), and it is never allowed above
 * the peak gain. With theta3dB = 70 lambda / D, phi_min is at least 1.43 theta3dB, so the main lobe meets
 * the envelope exactly once and the result is continuous (bar S.465's own 0.03 dB step at 48 deg).
 *
 * Satellite beams: a spot beam loses 3 (theta / theta_half)^2 dB from its centre (the same parabola, with
 * the half-power half-angle theta_half), floored at SPOT_BEAM_LOSS_DB_MAX outside its coverage. A global
 * (Earth-coverage) beam is taken as flat over the visible Earth: the 2-3 dB its gain really falls from
 * the sub-satellite point to the limb is ignored.
 *
 * Everything takes and returns plain numbers and allocates nothing. Read next: link-budget.ts.
 */
import { DEG, WGS84_A_KM } from './frames.js';
import { SPEED_OF_LIGHT_M_PER_S } from './link-budget.js';

/** Aperture efficiency assumed when none is given: a typical reflector (Maral & Bousquet: 0.55-0.75). */
export const APERTURE_EFFICIENCY_DEFAULT = 0.65;

/** theta3dB (deg) times D / lambda for a typical tapered circular aperture (Maral & Bousquet; Roddy). */
export const BEAMWIDTH_DEG_D_OVER_LAMBDA = 70;

/** Spot-beam loss outside its coverage, dB: the sidelobe level a multibeam satellite antenna holds to. */
export const SPOT_BEAM_LOSS_DB_MAX = 30;

/** Geostationary orbit radius, km (42 164.17 km: the radius of a circular orbit of one sidereal day). */
export const GEO_RADIUS_KM = 42_164.17;

/** Peak gain of a circular aperture, dBi: 10 log10(eta (pi D f / c)^2). */
export function apertureGainDbi(diameterM: number, frequencyGHz: number, efficiency = APERTURE_EFFICIENCY_DEFAULT): number {
  const dOverLambda = (diameterM * frequencyGHz * 1e9) / SPEED_OF_LIGHT_M_PER_S;
  return 10 * Math.log10(efficiency * (Math.PI * dOverLambda) ** 2);
}

/** Diameter in wavelengths of a circular aperture of this peak gain: sqrt(G / eta) / pi. */
export function diameterOverWavelengthFromGain(peakGainDbi: number, efficiency = APERTURE_EFFICIENCY_DEFAULT): number {
  return Math.sqrt(10 ** (peakGainDbi / 10) / efficiency) / Math.PI;
}

/**
 * Half-power (3 dB) full beamwidth of a circular aperture, deg, from its peak gain: 70 / (D / lambda) with
 * D / lambda = sqrt(G / eta) / pi, i.e. 70 pi sqrt(eta / G). 40 dBi at eta 0.65 gives 1.77 deg.
 */
export function beamwidthFromGainDeg(peakGainDbi: number, efficiency = APERTURE_EFFICIENCY_DEFAULT): number {
  return BEAMWIDTH_DEG_D_OVER_LAMBDA / diameterOverWavelengthFromGain(peakGainDbi, efficiency);
}

/**
 * Main-lobe gain, dBi: G_peak - 12 (theta / theta3dB)^2 (ITU-R S.672 / S.1528), never below `floorDbi`.
 * `halfPowerBeamwidthDeg` is the full 3 dB width.
 */
export function parabolicGainDbi(peakGainDbi: number, halfPowerBeamwidthDeg: number, offAxisDeg: number, floorDbi: number): number {
  const u = offAxisDeg / halfPowerBeamwidthDeg;
  const g = peakGainDbi - 12 * u * u;
  return g > floorDbi ? g : floorDbi;
}

/** ITU-R S.465-6 phi_min, deg: max(1, 100 / (D/lambda)) for D/lambda >= 50, else max(2, 114 (D/lambda)^-1.09). */
export function itu465PhiMinDeg(diameterOverWavelength: number): number {
  if (diameterOverWavelength >= 50) return Math.max(1, 100 / diameterOverWavelength);
  return Math.max(2, 114 * diameterOverWavelength ** -1.09);
}

/**
 * The S.465 sidelobe envelope, dBi: 32 - 25 log10(phi) for phi < 48 deg (held at its phi_min value below
 * phi_min), -10 dBi from 48 deg.
 */
export function itu465EnvelopeDbi(offAxisDeg: number, phiMinDeg: number): number {
  const phi = Math.abs(offAxisDeg);
  if (phi >= 48) return -10;
  return 32 - 25 * Math.log10(phi > phiMinDeg ? phi : phiMinDeg);
}

/**
 * Earth-station gain toward a direction `offAxisDeg` from boresight, dBi: the parabolic main lobe
 * (theta3dB = 70 / (D / lambda)) while it is above the ITU-R S.465-6 envelope, the envelope (capped at
 * the peak gain) after. See the file comment for phi_min and the join.
 */
export function itu465GainDbi(peakGainDbi: number, offAxisDeg: number, diameterOverWavelength: number): number {
  const phi = Math.abs(offAxisDeg);
  const u = (phi * diameterOverWavelength) / BEAMWIDTH_DEG_D_OVER_LAMBDA;
  const mainLobe = peakGainDbi - 12 * u * u;
  const envelope = itu465EnvelopeDbi(phi, itu465PhiMinDeg(diameterOverWavelength));
  const sidelobe = envelope < peakGainDbi ? envelope : peakGainDbi;
  return mainLobe > sidelobe ? mainLobe : sidelobe;
}

/** itu465GainDbi for a dish known only by its peak gain: D / lambda from the gain at the default efficiency. */
export function earthStationGainDbi(peakGainDbi: number, offAxisDeg: number): number {
  return itu465GainDbi(peakGainDbi, offAxisDeg, diameterOverWavelengthFromGain(peakGainDbi));
}

/**
 * Loss from a spot beam's centre, dB: 3 (theta / theta_half)^2, theta_half the half-power half-angle (so
 * 3 dB at the edge of the half-power footprint), at most SPOT_BEAM_LOSS_DB_MAX.
 */
export function spotBeamLossDb(offAxisDeg: number, halfPowerHalfAngleDeg: number): number {
  const u = offAxisDeg / halfPowerHalfAngleDeg;
  const loss = 3 * u * u;
  return loss < SPOT_BEAM_LOSS_DB_MAX ? loss : SPOT_BEAM_LOSS_DB_MAX;
}

/**
 * Loss of a global (Earth-coverage) beam aimed at the Earth's centre, dB: 0 anywhere on the visible Earth
 * (off-axis angle up to the Earth's half-angle seen from the satellite, earthHalfAngleDeg); beyond the limb
 * it rolls off like a spot beam of that half-angle, starting from the limb, so a target just above the
 * horizon (an aircraft, another spacecraft) sees no step.
 */
export function globalBeamLossDb(offAxisDeg: number, earthHalfAngleDeg: number): number {
  const beyond = Math.abs(offAxisDeg) - earthHalfAngleDeg;
  return beyond > 0 ? spotBeamLossDb(beyond, earthHalfAngleDeg) : 0;
}

/** Half-angle the Earth (equatorial radius) subtends from a satellite at `radiusKm`, deg: 8.70 from GEO. */
export function earthHalfAngleDeg(radiusKm: number): number {
  return Math.asin(WGS84_A_KM / radiusKm) / DEG;
}

/**
 * Angle between vectors a and b, rad, in [0, pi]: atan2(|a x b|, a . b), accurate at every angle (acos of
 * the normalised dot product loses half its digits near 0 and pi). 0 when either vector is zero.
 */
export function offAxisAngleRad(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
}
