/**
 * SATCOM link budgets and jamming, in the dB domain: what carrier-to-noise density a terminal gets through
 * a satellite, how much a jammer takes away, and whether what is left carries the data rate.
 *
 * Model (the textbook link equation; D. Roddy, Satellite Communications, 4th ed., chapter 12 "The Space
 * Link"; G. Maral & M. Bousquet, Satellite Communications Systems, chapter 5; T. Pratt, C. Bostian &
 * J. Allnutt, Satellite Communications, chapter 4):
 *
 *   Lfs = 20 log10(4 pi d f / c)                      free-space loss, dB (ITU-R P.525: 92.45 + 20 log f_GHz + 20 log d_km)
 *   C/N0 = EIRP - Lfs - Lother + G/T - k              dB-Hz, k = 10 log10(1.380649e-23) = -228.599 dBW/K/Hz
 *   (C/N0)_total^-1 = (C/N0)_up^-1 + (C/N0)_down^-1   linear, for a transparent (bent-pipe) transponder
 *   (C/N0)_required = Eb/N0 + 10 log10(Rb)            dB-Hz;  margin = (C/N0)_total - (C/N0)_required
 *
 * Jamming is treated as noise-like interference (Gaussian, flat over its band) that adds to the receiver's
 * own noise density: the carrier sees N0 + J0 instead of N0, so
 *
 *   C/(N0 + J0) = C/N0 - 10 log10(1 + J0/N0)          (equivalently 1/(C/N0) + 1/(C/J0), see combineCn0DbHz)
 *   N0 = k + T, T = G - G/T (dBK)                     the receiver's noise density, from its G/T and gain
 *   J0 = J_EIRP - L - Lother + G_victim->jammer - 10 log10(B_j)   at the victim antenna output, dBW/Hz
 *
 * A jammer whose band only partly covers the victim's delivers its density only over the overlap; Vigil
 * averages it over the victim band: J0_eff = J0 * bandOverlapFraction(jammer, victim). Narrowband jamming
 * that hurts more than its average (a tone on a pilot, pulsed jamming against a decoder) is not modelled;
 * spread-spectrum processing gain is, since the wide victim band dilutes J0 exactly as it does in a
 * despreader.
 *
 * Where jamming enters:
 * - Uplink jamming reaches the satellite receiver through the satellite's receive gain toward the jammer
 *   (peak gain minus the spot-beam roll-off at the jammer's angle, antenna.ts spotBeamLossDb); N0 is the
 *   satellite's, from its G/T and peak gain. For a bent pipe, the uplink C/(N0 + J0) then combines with the
 *   downlink C/N0 like any uplink noise: the transponder relays the jammer's noise to every terminal.
 *   Power robbing (a limiting transponder giving its output power to the stronger jammer) is not modelled.
 * - Downlink jamming reaches the terminal through the terminal's gain toward the jammer, usually far off
 *   its boresight (antenna.ts earthStationGainDbi, the ITU-R S.465 envelope); N0 is the terminal's.
 *   It degrades that terminal's downlink only: C/(N0 + J0) replaces the downlink C/N0 in the combination.
 *
 * Bands: IEEE Std 521 letter designations, widened where real SATCOM systems use a letter outside its
 * IEEE range (see BANDS). Atmosphere: clear-sky gaseous absorption only (a zenith value per band scaled by
 * 1 / sin(elevation)); rain, scintillation and ionospheric effects are not modelled.
 *
 * Every function here takes and returns plain numbers and allocates nothing: the engine calls them for
 * every terminal/jammer/receiver pair every tick. Read next: antenna.ts (the gains that go into these sums).
 */
import { DEG } from './frames.js';

/** Boltzmann constant in dB: 10 log10(1.380649e-23 J/K) = -228.599 dBW/K/Hz (exact SI value since 2019). */
export const BOLTZMANN_DBW_PER_K_HZ = 10 * Math.log10(1.380649e-23);

/** Speed of light in vacuum, m/s (exact, SI definition of the metre). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/** 20 log10(4 pi * 1e3 m/km * 1e9 Hz/GHz / c) = 92.448 dB: the ITU-R P.525 constant for km and GHz. */
const FSPL_CONSTANT_DB_KM_GHZ = 20 * Math.log10((4 * Math.PI * 1e12) / SPEED_OF_LIGHT_M_PER_S);

/** 10 log10(x) through log1p, exact for x near 0 (where J0 << N0 matters most). */
/** 10^(dB / 10), by exp (several times faster than `**` on V8). */
export function fromDb(db: number): number {
  return Math.exp(db * (Math.LN10 / 10));
}

function db1p(x: number): number {
  return (10 * Math.log1p(x)) / Math.LN10;
}

/** Free-space path loss, dB: 20 log10(4 pi d f / c), d in km, f in GHz. */
export function freeSpaceLossDb(distanceKm: number, frequencyGHz: number): number {
  return FSPL_CONSTANT_DB_KM_GHZ + 20 * Math.log10(distanceKm * frequencyGHz);
}

/** Power at the receiver's antenna output, dBW: EIRP - Lfs - Lother + G_rx (G_rx toward the transmitter). */
export function receivedPowerDbw(eirpDbw: number, pathLossDb: number, otherLossesDb: number, receiveGainDbi: number): number {
  return eirpDbw - pathLossDb - otherLossesDb + receiveGainDbi;
}

/**
 * Carrier-to-noise density, dB-Hz: EIRP - Lfs - Lother + G/T - k. `gOverTDbPerK` is the receiver's figure of
 * merit with its gain toward the transmitter (pointing or beam roll-off losses go in `otherLossesDb`).
 */
export function cn0DbHz(eirpDbw: number, pathLossDb: number, otherLossesDb: number, gOverTDbPerK: number): number {
  return eirpDbw - pathLossDb - otherLossesDb + gOverTDbPerK - BOLTZMANN_DBW_PER_K_HZ;
}

/**
 * Two carrier-to-noise (or carrier-to-interference) densities in cascade, dB-Hz: 1/total = 1/a + 1/b in
 * linear terms. Written as min - 10 log10(1 + 10^(-|a - b| / 10)), which never overflows and gives the
 * other link exactly when one is +Infinity (a link with no noise). Never exceeds the smaller of the two.
 */
export function combineCn0DbHz(aDbHz: number, bDbHz: number): number {
  const lo = aDbHz < bDbHz ? aDbHz : bDbHz;
  const hi = aDbHz < bDbHz ? bDbHz : aDbHz;
  if (hi === Number.POSITIVE_INFINITY || lo === Number.NEGATIVE_INFINITY) return lo;
  return lo - db1p(fromDb(lo - hi));
}

/** Three densities in cascade (uplink, downlink and an interference C/I0, say), dB-Hz. */
export function combineCn0DbHz3(aDbHz: number, bDbHz: number, cDbHz: number): number {
  return combineCn0DbHz(combineCn0DbHz(aDbHz, bDbHz), cDbHz);
}

/** C/N0 a demodulator needs, dB-Hz: Eb/N0 + 10 log10(Rb). */
export function requiredCn0DbHz(ebN0Db: number, dataRateBps: number): number {
  return ebN0Db + 10 * Math.log10(dataRateBps);
}

/** Link margin, dB: what the link delivers less what the demodulator needs (negative: the link is down). */
export function marginDb(cn0TotalDbHz: number, requiredCn0DbHz: number): number {
  return cn0TotalDbHz - requiredCn0DbHz;
}

/**
 * The receiver's noise density N0 = k T, dBW/Hz, from its G/T and the antenna gain that G/T was quoted
 * with (peak gain for a satellite's G/T): T = G - G/T in dBK.
 */
export function noiseDensityDbwPerHz(gOverTDbPerK: number, antennaGainDbi: number): number {
  return BOLTZMANN_DBW_PER_K_HZ + antennaGainDbi - gOverTDbPerK;
}

/**
 * Jammer power density at the victim's antenna output, dBW/Hz: the jammer's EIRP toward the victim, less
 * path and other losses, plus the victim's gain toward the jammer, spread evenly over the jammer's
 * bandwidth. `jammerBandwidthMHz` must be positive (the scenario loader checks it); for a partial overlap
 * with the victim band, add effectiveJammerDensityDbwPerHz.
 */
export function jammerDensityDbwPerHz(
  jammerEirpTowardVictimDbw: number,
  pathLossDb: number,
  otherLossesDb: number,
  victimGainTowardJammerDbi: number,
  jammerBandwidthMHz: number,
): number {
  return receivedPowerDbw(jammerEirpTowardVictimDbw, pathLossDb, otherLossesDb, victimGainTowardJammerDbi) - 10 * Math.log10(jammerBandwidthMHz * 1e6);
}

/**
 * Jammer density averaged over the victim band, dBW/Hz: J0 + 10 log10(overlap fraction), -Infinity when the
 * bands do not overlap (then cOverN0PlusJ0DbHz returns C/N0 unchanged).
 */
export function effectiveJammerDensityDbwPerHz(j0DbwPerHz: number, overlapFraction: number): number {
  return j0DbwPerHz + 10 * Math.log10(overlapFraction);
}

/**
 * Carrier to noise-plus-jamming density, dB-Hz: C/(N0 + J0) = C/N0 - 10 log10(1 + J0/N0), `j0OverN0Db` =
 * J0 - N0 in dB (-Infinity for no jammer). Equal J0 and N0 cost 3.01 dB; a jammer far below the noise,
 * nothing.
 */
export function cOverN0PlusJ0DbHz(cn0DbHz: number, j0OverN0Db: number): number {
  return cn0DbHz - db1p(fromDb(j0OverN0Db));
}

/**
 * Fraction (0..1) of band B covered by band A, each given by its centre (GHz) and width (MHz): the overlap
 * of the two intervals over B's width. With A a jammer and B a victim, J0_eff = J0 * this fraction (the
 * jammer's density over the overlap, averaged over the victim band). A zero-width B counts as covered (1)
 * when its centre lies inside A, closed interval.
 */
export function bandOverlapFraction(centreAGHz: number, bandwidthAMHz: number, centreBGHz: number, bandwidthBMHz: number): number {
  // Work relative to B's centre, so that equal centres give exactly the narrower width (no GHz-to-MHz
  // rounding of two large, nearly equal numbers).
  const offsetMHz = (centreAGHz - centreBGHz) * 1e3;
  const halfAMHz = bandwidthAMHz / 2;
  const halfBMHz = bandwidthBMHz / 2;
  if (!(bandwidthBMHz > 0)) return Math.abs(offsetMHz) <= halfAMHz ? 1 : 0;
  const overlapMHz = Math.min(offsetMHz + halfAMHz, halfBMHz) - Math.max(offsetMHz - halfAMHz, -halfBMHz);
  if (overlapMHz <= 0) return 0;
  const fraction = overlapMHz / bandwidthBMHz;
  return fraction < 1 ? fraction : 1;
}

/** Elevation below which atmosphericLossDb stops growing, rad (5 deg). */
export const ATMOSPHERE_ELEVATION_RAD_MIN = 5 * DEG;

/**
 * Clear-sky gaseous loss along a slant path, dB: zenith loss / sin(elevation), the flat-Earth cosecant law
 * of ITU-R P.676 (Annex 2, valid from about 5 deg up). The elevation is floored at 5 deg, where the factor
 * is 11.5: below it the law overestimates (the Earth's curvature bounds the path) and such links are
 * usually masked by terrain anyway, so Vigil holds the 5 deg value rather than let it grow without bound.
 */
export function atmosphericLossDb(zenithLossDb: number, elevationRad: number): number {
  const el = elevationRad > ATMOSPHERE_ELEVATION_RAD_MIN ? elevationRad : ATMOSPHERE_ELEVATION_RAD_MIN;
  return zenithLossDb / Math.sin(el);
}

/** SATCOM frequency bands by letter (IEEE Std 521 names; UHF as used for military UHF SATCOM). */
export type Band = 'UHF' | 'L' | 'S' | 'C' | 'X' | 'Ku' | 'K' | 'Ka' | 'Q' | 'V';

export interface BandDefinition {
  band: Band;
  /** Nominal lower edge, GHz (IEEE Std 521-2019 letter band; Q is the older waveguide letter, 33-50 GHz). */
  frequencyGHzMin: number;
  /** Nominal upper edge, GHz. */
  frequencyGHzMax: number;
  /**
   * SATCOM allocations that carry this letter by custom although they fall (partly) outside the nominal
   * range, as [min, max] GHz pairs. frequencyInBand accepts them too.
   */
  satcomRangesGHz: readonly (readonly [number, number])[];
}

/**
 * The letter bands, low to high. Nominal edges from IEEE Std 521 (UHF 0.3-1, L 1-2, S 2-4, C 4-8, X 8-12,
 * Ku 12-18, K 18-27, Ka 27-40, V 40-75; Q 33-50 from the waveguide designations). SATCOM custom puts
 * several real allocations under a letter whose IEEE range misses them, so each band also lists those:
 * - UHF: military UHF SATCOM 225-400 MHz (UFO and MUOS legacy channels 240-318 MHz), below IEEE's 300 MHz.
 * - C: the 3.4-4.2 GHz downlink (extended C band), IEEE S.
 * - X: military X SATCOM, 7.25-7.75 GHz down / 7.9-8.4 GHz up (WGS, Skynet 5, Syracuse, XTAR), IEEE C:
 *   the ITU/military convention calls it X.
 * - Ku: the 10.7-12.75 GHz downlink, IEEE X.
 * - Ka: the 17.3-21.2 GHz downlink (commercial 17.3-20.2, military 20.2-21.2: WGS, AEHF's SHF downlink,
 *   Syracuse 4), IEEE K; the 27-31 GHz uplinks are IEEE Ka already.
 * - Q: EHF uplink 43.5-45.5 GHz (Milstar, AEHF) and the 37.5-42.5 GHz Q/V downlink sit inside Q's 33-50.
 */
export const BANDS: readonly BandDefinition[] = [
  { band: 'UHF', frequencyGHzMin: 0.3, frequencyGHzMax: 1, satcomRangesGHz: [[0.225, 0.4]] },
  { band: 'L', frequencyGHzMin: 1, frequencyGHzMax: 2, satcomRangesGHz: [] },
  { band: 'S', frequencyGHzMin: 2, frequencyGHzMax: 4, satcomRangesGHz: [[1.98, 2.2]] },
  { band: 'C', frequencyGHzMin: 4, frequencyGHzMax: 8, satcomRangesGHz: [[3.4, 4.2]] },
  { band: 'X', frequencyGHzMin: 8, frequencyGHzMax: 12, satcomRangesGHz: [[7.25, 8.4]] },
  { band: 'Ku', frequencyGHzMin: 12, frequencyGHzMax: 18, satcomRangesGHz: [[10.7, 12.75]] },
  { band: 'K', frequencyGHzMin: 18, frequencyGHzMax: 27, satcomRangesGHz: [] },
  { band: 'Ka', frequencyGHzMin: 27, frequencyGHzMax: 40, satcomRangesGHz: [[17.3, 21.2]] },
  { band: 'Q', frequencyGHzMin: 33, frequencyGHzMax: 50, satcomRangesGHz: [[37.5, 45.5]] },
  { band: 'V', frequencyGHzMin: 40, frequencyGHzMax: 75, satcomRangesGHz: [] },
];

/**
 * Clear-sky zenith gaseous loss per band, dB: exercise values of the order read from ITU-R P.676's zenith
 * attenuation curves for a sea-level station in a standard atmosphere (7.5 g/m3 water vapour), at a
 * typical SATCOM frequency of each band. Oxygen gives the ~0.03-0.1 dB floor below 15 GHz; the 22.2 GHz
 * water-vapour line lifts K and the Ka downlink; the 60 GHz oxygen complex lifts Q and, steeply, V. They
 * are not P.676 outputs for any site: scenarios needing a real site's figure give it explicitly.
 */
export const ZENITH_LOSS_DB_BY_BAND: Readonly<Record<Band, number>> = {
  UHF: 0.03, // 0.3 GHz: dry-air (oxygen) continuum
  L: 0.035, // 1.5 GHz
  S: 0.04, // 2.2 GHz
  C: 0.05, // 4-6 GHz
  X: 0.07, // 7.25-8.4 GHz
  Ku: 0.1, // 11-14 GHz
  K: 0.7, // 22 GHz: the water-vapour line
  Ka: 0.4, // 20 GHz down / 30 GHz up: either side of the line
  Q: 0.8, // 44 GHz EHF uplink: the wing of the 60 GHz oxygen complex
  V: 2.0, // 48-50 GHz: rising steeply toward 60 GHz, where the atmosphere is opaque
};

/**
 * Overrides checked before the nominal IEEE partition by bandOf: SATCOM allocations whose custom letter
 * differs from IEEE's. Non-overlapping; 17.3-17.7 GHz (Ku feeder uplink and Ka downlink both) falls to IEEE
 * Ku.
 */
const BAND_OF_SATCOM: readonly (readonly [Band, number, number])[] = [
  ['UHF', 0.225, 0.3],
  ['C', 3.4, 4.2],
  ['X', 7.25, 8.4],
  ['Ku', 10.7, 12.75],
  ['Ka', 17.7, 21.2],
  ['Q', 37.5, 45.5],
];

/** IEEE Std 521 partition used by bandOf after the overrides, [band, lower edge GHz] (upper edge: the next). */
const BAND_OF_IEEE: readonly (readonly [Band, number])[] = [
  ['UHF', 0.3],
  ['L', 1],
  ['S', 2],
  ['C', 4],
  ['X', 8],
  ['Ku', 12],
  ['K', 18],
  ['Ka', 27],
  ['V', 40],
];
const BAND_OF_IEEE_MAX_GHZ = 75;

/**
 * The band a frequency is called by, SATCOM custom first: 7.5 GHz is X (military X SATCOM), 20.7 GHz Ka,
 * 44.5 GHz Q, 0.3 GHz UHF; otherwise the IEEE Std 521 letter (Q, being overlapped by Ka and V there, only
 * through its EHF allocation). undefined outside 0.225-75 GHz.
 */
export function bandOf(frequencyGHz: number): Band | undefined {
  for (const [band, lo, hi] of BAND_OF_SATCOM) if (frequencyGHz >= lo && frequencyGHz <= hi) return band;
  if (!(frequencyGHz >= BAND_OF_IEEE[0][1] && frequencyGHz < BAND_OF_IEEE_MAX_GHZ)) return undefined;
  let found: Band = BAND_OF_IEEE[0][0];
  for (const [band, lo] of BAND_OF_IEEE) if (frequencyGHz >= lo) found = band;
  return found;
}

/**
 * Whether a scenario's frequency fits the band it claims: inside the band's nominal (IEEE) range or one of
 * its SATCOM allocations, edges included. Lenient on purpose (20.7 GHz is both K and Ka; 44 GHz both Q and
 * V): it catches a typo, not a naming convention.
 */
export function frequencyInBand(band: Band, frequencyGHz: number): boolean {
  for (const def of BANDS) {
    if (def.band !== band) continue;
    if (frequencyGHz >= def.frequencyGHzMin && frequencyGHz <= def.frequencyGHzMax) return true;
    for (const [lo, hi] of def.satcomRangesGHz) if (frequencyGHz >= lo && frequencyGHz <= hi) return true;
    return false;
  }
  return false;
}
