/**
 * The four global navigation constellations' open L1-band signals as Vigil models them: where each sits
 * in frequency, how wide a band a jammer has to cover to hit it, and how weak it arrives on the ground.
 *
 * Model: each signal is one flat band [centre - width/2, centre + width/2] (its spectral main lobe, or
 * for GLONASS the union of all FDMA channels' main lobes), and its power at the receiver is the ICD's
 * guaranteed minimum. A jammer is one flat band too; the share of its power that lands in a signal's
 * band (signalOverlapFraction) is what turns jammer power into in-band J/S. Side lobes, receiver front-end
 * filters and the signals' exact spectral shapes (CBOC, the FDMA channel plan in use) are not modelled:
 * the main lobes hold ~90% of a BPSK or BOC(1,1) signal's power, which is what a barrage jammer must cover.
 *
 * Sources (minimum received power: at the output of the user antenna the ICD names, satellite above the
 * elevation the ICD names; main lobe: the chip rate, null to null):
 * - GPS L1 C/A: IS-GPS-200, 3.3.1 (carrier 1575.42 MHz, C/A code 1.023 Mcps) and 3.3.1.6 (user-received
 *   signal levels), Table 3-V: -158.5 dBW at the output of a 3 dBi linearly polarised antenna above
 *   5 deg (early revisions said -160 dBW). Main lobe 2 x 1.023 = 2.046 MHz.
 * - Galileo E1 OS (E1-B + E1-C): Galileo OS SIS ICD Issue 2.1 (EUSPA, Nov. 2023): carrier 1575.42 MHz;
 *   Table 12 (minimum received power on ground): -157.25 dBW for an ideally matched
 *   0 dBi RHCP antenna above 5 deg; Issues 1.x gave -157 dBW above 10 deg. Modulation CBOC(6,1,1/11);
 *   Vigil takes the BOC(1,1) main lobes, which sit at +-1.023 MHz and null at +-2.046 MHz: 4.092 MHz.
 * - GLONASS L1OF: GLONASS ICD, Navigational radiosignal in bands L1, L2, Edition 5.1 (RISDE, Moscow,
 *   2008), 3.3.1 (channels f = 1602 + k x 0.5625 MHz, k = -7..+6, Table 3.1), 3.3.2.1 (ranging
 *   code 0.511 Mcps) and 3.3.1.6 (power of the received signal): not less than -161 dBW at the output
 *   of a 3 dBi linearly polarised antenna above 5 deg. Band: channel -7 minus half a main lobe to
 *   channel +6 plus half a main lobe, 1597.5515 to 1605.886 MHz (centre 1601.71875, width 8.3345).
 * - BeiDou B1I: BDS-SIS-ICD-B1I-3.0 (China Satellite Navigation Office, Feb. 2019), 4.2.1 (carrier
 *   1561.098 MHz), 4.2.5 (received power levels on ground: -163 dBW at the output of a 0 dBi RHCP
 *   antenna above 5 deg) and 4.2.7 (signal bandwidth 4.092 MHz, the main lobe of BPSK(2), 2.046 Mcps).
 *
 * Read next: dop.ts (what the satellites a receiver still tracks are worth geometrically).
 */

/** The constellations, in the order their index is used (dop.ts clock columns, per-constellation arrays). */
export const CONSTELLATIONS = ['GPS', 'GALILEO', 'GLONASS', 'BEIDOU'] as const;
export type Constellation = (typeof CONSTELLATIONS)[number];

/** Index of each constellation in CONSTELLATIONS: the `system` argument of dop.ts's accumulateDop. */
export const CONSTELLATION_INDEX: Readonly<Record<Constellation, number>> = Object.freeze({ GPS: 0, GALILEO: 1, GLONASS: 2, BEIDOU: 3 });

/**
 * Elevation mask, deg, when a scenario names none. 10 deg is a common receiver default: low satellites
 * carry the most tropospheric delay and multipath, and the ICD power minimums hold only above 5 deg.
 */
export const ELEVATION_MASK_DEG_DEFAULT = 10;

export interface GnssSignal {
  readonly constellation: Constellation;
  /** The open signal's name in its ICD. */
  readonly signal: string;
  /** Centre of the band Vigil models, MHz (the carrier, except for the GLONASS FDMA channel plan). */
  readonly centreFrequencyMHz: number;
  /** Width of the modelled band, MHz: the main lobe(s) a jammer has to cover. */
  readonly bandwidthMHz: number;
  /** Guaranteed minimum received power on the ground, dBW (antenna and elevation: see `source`). */
  readonly minReceivedPowerDbw: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/** GPS and Galileo L1/E1 carrier, MHz (154 x 10.23 MHz). */
const L1_MHZ = 1575.42;
/** GPS C/A code rate, Mcps (10.23 / 10). */
const GPS_CA_CHIP_RATE_MCPS = 1.023;

/** GLONASS L1 FDMA plan (ICD Edition 5.1, 3.3.1): f_k = 1602 MHz + k x 0.5625 MHz, k = -7..+6. */
const GLONASS_L1_BASE_MHZ = 1602;
const GLONASS_L1_STEP_MHZ = 0.5625;
const GLONASS_CHANNEL_MIN = -7;
const GLONASS_CHANNEL_MAX = 6;
/** GLONASS standard-accuracy code rate, Mcps (ICD Edition 5.1, 3.3.2.1). */
const GLONASS_CHIP_RATE_MCPS = 0.511;
const GLONASS_LOWEST_MHZ = GLONASS_L1_BASE_MHZ + GLONASS_CHANNEL_MIN * GLONASS_L1_STEP_MHZ - GLONASS_CHIP_RATE_MCPS;
const GLONASS_HIGHEST_MHZ = GLONASS_L1_BASE_MHZ + GLONASS_CHANNEL_MAX * GLONASS_L1_STEP_MHZ + GLONASS_CHIP_RATE_MCPS;

/** BeiDou B1I code rate, Mcps (BDS-SIS-ICD-B1I-3.0, 4.3). */
const BEIDOU_B1I_CHIP_RATE_MCPS = 2.046;

export const SIGNALS: Readonly<Record<Constellation, GnssSignal>> = Object.freeze({
  GPS: Object.freeze({
    constellation: 'GPS',
    signal: 'L1 C/A',
    centreFrequencyMHz: L1_MHZ,
    bandwidthMHz: 2 * GPS_CA_CHIP_RATE_MCPS,
    minReceivedPowerDbw: -158.5,
    source: 'IS-GPS-200 3.3.1.6, Table 3-V: 3 dBi linearly polarised antenna, elevation >= 5 deg; BPSK(1) main lobe',
  }),
  GALILEO: Object.freeze({
    constellation: 'GALILEO',
    signal: 'E1 OS',
    centreFrequencyMHz: L1_MHZ,
    bandwidthMHz: 4 * GPS_CA_CHIP_RATE_MCPS,
    minReceivedPowerDbw: -157.25,
    source: 'Galileo OS SIS ICD Issue 2.1, Table 12: E1-B + E1-C, 0 dBi RHCP antenna, elevation >= 5 deg; BOC(1,1) main lobes',
  }),
  GLONASS: Object.freeze({
    constellation: 'GLONASS',
    signal: 'L1OF',
    centreFrequencyMHz: (GLONASS_LOWEST_MHZ + GLONASS_HIGHEST_MHZ) / 2,
    bandwidthMHz: GLONASS_HIGHEST_MHZ - GLONASS_LOWEST_MHZ,
    minReceivedPowerDbw: -161,
    source: 'GLONASS ICD L1/L2 Edition 5.1, 3.3.1.6: 3 dBi linearly polarised antenna, elevation >= 5 deg; channels -7..+6 with 0.511 Mcps main lobes',
  }),
  BEIDOU: Object.freeze({
    constellation: 'BEIDOU',
    signal: 'B1I',
    centreFrequencyMHz: 1561.098,
    bandwidthMHz: 2 * BEIDOU_B1I_CHIP_RATE_MCPS,
    minReceivedPowerDbw: -163,
    source: 'BDS-SIS-ICD-B1I-3.0 4.2.5 and 4.2.7: 0 dBi RHCP antenna, elevation >= 5 deg; 4.092 MHz BPSK(2) main lobe',
  }),
});

/** Width of the intersection of two bands given by centre and width, MHz (0 when they do not meet). */
export function bandOverlapMHz(aCentreMHz: number, aWidthMHz: number, bCentreMHz: number, bWidthMHz: number): number {
  const lo = Math.max(aCentreMHz - aWidthMHz / 2, bCentreMHz - bWidthMHz / 2);
  const hi = Math.min(aCentreMHz + aWidthMHz / 2, bCentreMHz + bWidthMHz / 2);
  return hi > lo ? hi - lo : 0;
}

/**
 * The share, in [0, 1], of a jammer's power that falls in constellation `c`'s band, its power spread
 * flat over `jammerBandwidthMHz` around `jammerCentreMHz`: multiply the jammer's received power by this
 * to get its in-band power. A zero-width jammer (a CW tone) counts 1 inside the band (edges included)
 * and 0 outside. Throws on a programming error (non-finite centre, negative or non-finite width).
 */
export function signalOverlapFraction(jammerCentreMHz: number, jammerBandwidthMHz: number, c: Constellation): number {
  if (!Number.isFinite(jammerCentreMHz) || !(jammerBandwidthMHz >= 0) || !Number.isFinite(jammerBandwidthMHz)) {
    throw new Error(`vigil gnss - jammer band must be a finite centre and a finite width >= 0, got ${jammerCentreMHz} MHz, ${jammerBandwidthMHz} MHz`);
  }
  const s = SIGNALS[c];
  if (jammerBandwidthMHz === 0) return Math.abs(jammerCentreMHz - s.centreFrequencyMHz) <= s.bandwidthMHz / 2 ? 1 : 0;
  return bandOverlapMHz(jammerCentreMHz, jammerBandwidthMHz, s.centreFrequencyMHz, s.bandwidthMHz) / jammerBandwidthMHz;
}
