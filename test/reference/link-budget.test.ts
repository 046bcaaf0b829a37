/**
 * SATCOM link budget and jamming against published worked examples, each recomputed here by hand in dB
 * arithmetic (a sum of dB terms, as the textbooks tabulate it) before the module is asked:
 * - Free-space loss: MathWorks Cody problem 45494 (SatCom #3), a GEO directly overhead, 35 786 km at
 *   10 GHz, "around 203.5 dB"; a telecommunications textbook's section 9.3 "Satellite Communications"
 *   (p. 227; R. L. Freeman's statute-mile constant 96.6 dB), 4.0 GHz over 25 573 statute miles = 196.8 dB;
 *   tutorialsweb.com "Calculation of downlink path loss", 37 000 km at 3.95 GHz = 195.73 dB (c = 3e8).
 * - Received power: MathWorks Cody problem 45806 (SatCom #8), Ka-band GSO downlink at 17.7 GHz over
 *   41 130.13 km, 9.5 dBW into a 0.75 m / 70 % dish, received on 0.65 m / 65 %: "around -119.1 dBW".
 * - Downlink C/N0: the same section 9.3 example, EIRP 30 dBW, loss 196.8 dB, 2.0 dB of other losses,
 *   G/T 20 dB/K -> C/N0 79.8 dB; D. Roddy, Satellite Communications, 4th ed., Example 12.9 (12 GHz,
 *   EIRP 48 dBW, free-space loss 206 dB, pointing 1 dB, atmosphere 2 dB, feeder 1 dB, G/T 19.5 dB/K).
 * - Uplink C/N0: D. Roddy, Electronic Communications, 4th ed., Example 19.14.1 (600 W HPA, 1.5 dB feeder,
 *   50 dB antenna, free-space 200 dB and 2 dB more, satellite G/T -8 dB/K, 1 dB receive feeder) -> 93.88
 *   dB-Hz, as worked in the FOSSEE textbook companion notebook for that book.
 * - Uplink + downlink: Roddy, Satellite Communications, Example 12.18, 100 and 87 dB-Hz -> 86.79 dB-Hz.
 * - Required C/N0: Roddy, Satellite Communications, section 12.8 (p. 373): 60 Mbps, Eb/N0 9.6 dB ->
 *   87.38 dB-Hz, and with G/T 32 dB/K and 200 dB of losses the satellite needs 26.8 dBW; Roddy,
 *   Electronic Communications, Example 19.17.1: T1 1.544 Mbps at 9.6 dB -> 71.49 dB-Hz.
 * - Jamming: an uplink J/S example worked step by step below, by hand.
 * The books use k = -228.6 dBW/K/Hz; the module uses the exact -228.599, 0.001 dB apart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEG } from '../../engine/physics/frames.js';
import { apertureGainDbi } from '../../engine/physics/antenna.js';
import {
  ATMOSPHERE_ELEVATION_RAD_MIN,
  BANDS,
  BOLTZMANN_DBW_PER_K_HZ,
  SPEED_OF_LIGHT_M_PER_S,
  ZENITH_LOSS_DB_BY_BAND,
  atmosphericLossDb,
  bandOf,
  bandOverlapFraction,
  cOverN0PlusJ0DbHz,
  cn0DbHz,
  combineCn0DbHz,
  combineCn0DbHz3,
  effectiveJammerDensityDbwPerHz,
  freeSpaceLossDb,
  frequencyInBand,
  jammerDensityDbwPerHz,
  marginDb,
  noiseDensityDbwPerHz,
  receivedPowerDbw,
  requiredCn0DbHz,
  type Band,
} from '../../engine/physics/link-budget.js';
import { testSeed } from '../helpers.js';

/** The books print one decimal: half of the last digit. */
const ONE_DECIMAL_DB = 0.05;
/** Two decimals. */
const TWO_DECIMALS_DB = 0.005;
/** The books' k (-228.6) against the exact -228.599, plus two-decimal rounding. */
const BOOK_K_DB = 0.001 + TWO_DECIMALS_DB;
/** Double rounding in a handful of logarithms. */
const FLOAT_DB = 1e-9;

/** 10 log10 of a positive quantity: the dB arithmetic of the hand computations, kept apart from the module. */
function db(x: number): number {
  return (10 * Math.log(x)) / Math.LN10;
}

const STATUTE_MILE_KM = 1.609344;

describe('constants', () => {
  it('k = 10 log10(1.380649e-23) = -228.599 dBW/K/Hz; c = 299 792 458 m/s', () => {
    expect(BOLTZMANN_DBW_PER_K_HZ).toBeCloseTo(-228.599, 3);
    expect(SPEED_OF_LIGHT_M_PER_S).toBe(299_792_458);
  });
});

describe('free-space path loss', () => {
  it('ITU-R P.525 form: 92.45 + 20 log f(GHz) + 20 log d(km), to the 0.002 dB the rounded constant allows', () => {
    const handDb = 92.45 + 20 * Math.log10(12) + 20 * Math.log10(37_500);
    expect(handDb).toBeCloseTo(205.51, 2); // the "about 205.5 dB at 12 GHz over 37 500 km" of every textbook
    expect(Math.abs(freeSpaceLossDb(37_500, 12) - handDb)).toBeLessThan(0.003);
  });

  it('GEO overhead, 35 786 km at 10 GHz: about 203.5 dB (MathWorks Cody 45494)', () => {
    const handDb = 20 * Math.log10((4 * Math.PI * 35_786e3 * 10e9) / 299_792_458);
    expect(handDb).toBeCloseTo(203.52, 2);
    expect(Math.abs(freeSpaceLossDb(35_786, 10) - 203.5)).toBeLessThan(ONE_DECIMAL_DB);
    expect(freeSpaceLossDb(35_786, 10)).toBeCloseTo(handDb, 9);
  });

  it('4.0 GHz over 25 573 statute miles: 96.6 + 12.04 + 88.16 = 196.8 dB (section 9.3 example)', () => {
    const handDb = 96.6 + 20 * Math.log10(4.0) + 20 * Math.log10(25_573);
    expect(handDb).toBeCloseTo(196.8, 1);
    expect(Math.abs(freeSpaceLossDb(25_573 * STATUTE_MILE_KM, 4.0) - 196.8)).toBeLessThan(ONE_DECIMAL_DB);
  });

  it('37 000 km at 3.95 GHz: 195.73 dB with c = 3e8 (tutorialsweb), 195.74 with the exact c', () => {
    expect(Math.abs(freeSpaceLossDb(37_000, 3.95) - 195.73)).toBeLessThan(0.01 + TWO_DECIMALS_DB);
  });

  it('+6.02 dB per doubling of distance or of frequency', () => {
    const seed = testSeed();
    console.log(`property seed ${seed}; reproduce with VIGIL_TEST_SEED=${seed} npx vitest run test/reference/link-budget.test.ts`);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), (dKm, fGHz) => {
        const base = freeSpaceLossDb(dKm, fGHz);
        expect(freeSpaceLossDb(2 * dKm, fGHz) - base).toBeCloseTo(20 * Math.log10(2), 9);
        expect(freeSpaceLossDb(dKm, 2 * fGHz) - base).toBeCloseTo(6.0206, 4);
      }),
      { seed, numRuns: 1000 },
    );
  });
});

describe('received power (MathWorks Cody 45806, Ka-band GSO downlink)', () => {
  it('9.5 dBW, 0.75 m at 70 %, 41 130.13 km at 17.7 GHz, 0.65 m at 65 %: about -119.1 dBW', () => {
    const lambdaM = 299_792_458 / 17.7e9;
    const gTxDbi = db(0.7 * ((Math.PI * 0.75) / lambdaM) ** 2); // 41.32 dBi
    const gRxDbi = db(0.65 * ((Math.PI * 0.65) / lambdaM) ** 2); // 39.75 dBi
    const lossDb = 20 * Math.log10((4 * Math.PI * 41_130.13e3) / lambdaM); // 209.69 dB
    expect(gTxDbi).toBeCloseTo(41.32, 2);
    expect(gRxDbi).toBeCloseTo(39.75, 2);
    expect(lossDb).toBeCloseTo(209.69, 2);
    const handDbw = 9.5 + gTxDbi - lossDb + gRxDbi;
    expect(Math.abs(handDbw - -119.1)).toBeLessThan(ONE_DECIMAL_DB);
    const moduleDbw = receivedPowerDbw(9.5 + apertureGainDbi(0.75, 17.7, 0.7), freeSpaceLossDb(41_130.13, 17.7), 0, apertureGainDbi(0.65, 17.7, 0.65));
    expect(moduleDbw).toBeCloseTo(handDbw, 9);
  });
});

describe('C/N0 = EIRP - Lfs - Lother + G/T - k', () => {
  it('section 9.3 downlink: 30 - 196.8 - 2.0 + 20 + 228.6 = 79.8 dB-Hz', () => {
    const otherLossesDb = 0.5 + 0.0 + 0.0 + 0.5 + 0.5 + 0.5; // satellite pointing, off-contour, rain, gases, polarisation, terminal pointing
    const isotropicReceiveLevelDbw = 30 - 196.8 - otherLossesDb;
    expect(isotropicReceiveLevelDbw).toBeCloseTo(-168.8, 9);
    expect(isotropicReceiveLevelDbw + 20 + 228.6).toBeCloseTo(79.8, 9);
    expect(Math.abs(cn0DbHz(30, 196.8, otherLossesDb, 20) - 79.8)).toBeLessThan(BOOK_K_DB);
  });

  it('Roddy Example 12.9 (12 GHz downlink): 48 - 206 - 1 - 2 - 1 + 19.5 + 228.6 = 86.1 dB-Hz', () => {
    const handDbHz = 48 - 206 - (1 + 2 + 1) + 19.5 + 228.6;
    expect(handDbHz).toBeCloseTo(86.1, 9);
    expect(Math.abs(cn0DbHz(48, 206, 1 + 2 + 1, 19.5) - 86.1)).toBeLessThan(BOOK_K_DB);
  });

  it('Roddy, Electronic Communications, Example 19.14.1 (uplink): 10 log 600 - 1.5 + 50 - 202 - 1 - 8 + 228.6 = 93.88 dB-Hz', () => {
    const eirpDbw = db(600) - 1.5 + 50; // 76.28 dBW
    expect(eirpDbw).toBeCloseTo(76.28, 2);
    const otherLossesDb = 0.5 + 0.5 + 1 + 1; // atmospheric, polarisation, antenna misalignment, receiver feeder
    expect(eirpDbw - 200 - otherLossesDb - 8 + 228.6).toBeCloseTo(93.88, 2);
    expect(Math.abs(cn0DbHz(eirpDbw, 200, otherLossesDb, -8) - 93.88)).toBeLessThan(BOOK_K_DB);
  });
});

describe('required C/N0 and margin', () => {
  it('Roddy section 12.8: 60 Mbps is 77.78 dB-bps; with Eb/N0 9.6 dB, 87.38 dB-Hz; the EIRP that gives it is 26.8 dBW', () => {
    expect(db(60e6)).toBeCloseTo(77.78, 2);
    const requiredDbHz = requiredCn0DbHz(9.6, 60e6);
    expect(Math.abs(requiredDbHz - 87.38)).toBeLessThan(TWO_DECIMALS_DB);
    const eirpDbw = 87.38 - 32 + 200 - 228.6; // [EIRP] = [C/N0] - [G/T] + [LOSSES] + [k]
    expect(Math.abs(eirpDbw - 26.8)).toBeLessThan(ONE_DECIMAL_DB);
    expect(Math.abs(marginDb(cn0DbHz(eirpDbw, 200, 0, 32), requiredDbHz))).toBeLessThan(BOOK_K_DB);
  });

  it('Roddy, Electronic Communications, Example 19.17.1: 1.544 Mbps at 9.6 dB needs 71.49 dB-Hz', () => {
    expect(9.6 + db(1.544e6)).toBeCloseTo(71.49, 2);
    expect(Math.abs(requiredCn0DbHz(9.6, 1.544e6) - 71.49)).toBeLessThan(TWO_DECIMALS_DB);
  });

  it('margin is delivered minus needed', () => {
    expect(marginDb(77.5, 71.49)).toBeCloseTo(6.01, 12);
    expect(marginDb(70, 71.49)).toBeLessThan(0);
  });
});

describe('bent-pipe combination: 1/(C/N0) = 1/(C/N0)up + 1/(C/N0)down', () => {
  it('Roddy Example 12.18: 100 and 87 dB-Hz -> N0/C = 1e-10 + 10^-8.7 = 2.095e-9 -> 86.79 dB-Hz', () => {
    const n0OverC = 10 ** -10 + 10 ** -8.7;
    expect(n0OverC).toBeCloseTo(2.095e-9, 12);
    expect(-db(n0OverC)).toBeCloseTo(86.79, 2);
    expect(Math.abs(combineCn0DbHz(100, 87) - 86.79)).toBeLessThan(TWO_DECIMALS_DB);
    expect(combineCn0DbHz(87, 100)).toBe(combineCn0DbHz(100, 87));
  });

  it("section 9.3: 82.2 and 79.8 dB-Hz -> 77.83 dB-Hz (the text's 77.96 rounds 1.65e-8 down to 1.6e-8 on the way)", () => {
    const n0OverC = 1 / 10 ** 8.22 + 1 / 10 ** 7.98; // 6.03e-9 + 1.047e-8
    expect(n0OverC).toBeCloseTo(1.65e-8, 10);
    expect(-db(n0OverC)).toBeCloseTo(77.83, 2);
    expect(-db(0.016e-6)).toBeCloseTo(77.96, 2); // the text's rounded intermediate
    expect(combineCn0DbHz(82.2, 79.8)).toBeCloseTo(-db(n0OverC), 9);
  });

  it('a noiseless link (+Infinity) leaves the other; equal links lose 3.01 dB; three in a row', () => {
    expect(combineCn0DbHz(Number.POSITIVE_INFINITY, 80)).toBe(80);
    expect(combineCn0DbHz(80, Number.POSITIVE_INFINITY)).toBe(80);
    expect(combineCn0DbHz(80, 80)).toBeCloseTo(80 - db(2), 12);
    expect(combineCn0DbHz3(80, 80, 80)).toBeCloseTo(80 - db(3), 12);
    expect(combineCn0DbHz(Number.NEGATIVE_INFINITY, 80)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('never exceeds the smaller C/N0, and loses at most 3.01 dB against it', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: 0, max: 150, noNaN: true }), fc.double({ min: 0, max: 150, noNaN: true }), fc.double({ min: 0, max: 150, noNaN: true }), (a, b, c) => {
        const ab = combineCn0DbHz(a, b);
        expect(ab).toBeLessThanOrEqual(Math.min(a, b));
        expect(ab).toBeGreaterThanOrEqual(Math.min(a, b) - db(2) - FLOAT_DB);
        expect(ab).toBeCloseTo(-db(10 ** (-a / 10) + 10 ** (-b / 10)), 9);
        expect(combineCn0DbHz3(a, b, c)).toBeCloseTo(combineCn0DbHz3(c, a, b), 9);
        expect(combineCn0DbHz3(a, b, c)).toBeLessThanOrEqual(Math.min(a, b, c));
      }),
      { seed, numRuns: 1000 },
    );
  });
});

describe('jamming: an uplink J/S example worked by hand', () => {
  // An X-band bent pipe at 8.0 GHz. The satellite's receive antenna has 30 dBi toward both the wanted
  // terminal and the jammer (both inside the same beam) and a G/T of 0 dB/K.
  // Terminal: 60 dBW EIRP at 37 000 km, a 5 MHz carrier. Jammer: 50 dBW EIRP at 38 000 km, noise over
  // 20 MHz centred on the carrier.
  const fGHz = 8.0;
  const satGainDbi = 30;
  const satGOverTDbPerK = 0;

  // Step 1, path losses: 92.45 + 20 log 8 + 20 log 37 000 = 92.45 + 18.06 + 91.36 = 201.87 dB (terminal)
  // and + 20 log(38 000 / 37 000) = + 0.23 dB for the jammer: 202.11 dB.
  const lossTerminalDb = 92.448 + 20 * Math.log10(8) + 20 * Math.log10(37_000);
  const lossJammerDb = lossTerminalDb + 20 * Math.log10(38_000 / 37_000);
  // Step 2, powers at the satellite antenna output: C = 60 - 201.87 + 30 = -111.87 dBW,
  // J = 50 - 202.11 + 30 = -122.11 dBW.
  const cDbw = 60 - lossTerminalDb + satGainDbi;
  const jDbw = 50 - lossJammerDb + satGainDbi;
  // Step 3, J/S = 50 - 60 - 20 log(38 000 / 37 000) = -10 - 0.23 = -10.23 dB (the gains cancel).
  const jOverSDb = 50 - 60 - 20 * Math.log10(38_000 / 37_000);
  // Step 4, noise: T = G - G/T = 30 dBK (1000 K); N0 = -228.60 + 30 = -198.60 dBW/Hz.
  // C/N0 = -111.87 + 198.60 = 86.73 dB-Hz.
  const n0DbwPerHz = -228.599 + (satGainDbi - satGOverTDbPerK);
  const cn0HandDbHz = cDbw - n0DbwPerHz;
  // Step 5, jammer density: J0 = -122.11 - 10 log(20e6) = -122.11 - 73.01 = -195.12 dBW/Hz; the jammer
  // covers the whole 5 MHz carrier (overlap fraction 1), so J0/N0 = -195.12 + 198.60 = +3.48 dB.
  const j0DbwPerHz = jDbw - db(20e6);
  const j0OverN0Db = j0DbwPerHz - n0DbwPerHz;
  // Step 6, C/(N0 + J0) = 86.73 - 10 log(1 + 10^0.348) = 86.73 - 5.09 = 81.63 dB-Hz.
  const cOverN0J0HandDbHz = cn0HandDbHz - db(1 + 10 ** (j0OverN0Db / 10));
  // Step 7, the bent pipe: a 78.0 dB-Hz downlink. Clean: 1/(1/86.73 + 1/78.0) -> 77.45 dB-Hz;
  // jammed: 1/(1/81.63 + 1/78.0) -> 76.44 dB-Hz. Against T1 at Eb/N0 9.6 dB (71.49 dB-Hz) the margin
  // falls from 5.96 to 4.95 dB: this jammer costs 5.09 dB on the uplink but only 1.02 dB end to end,
  // because the downlink dominates the noise.
  const downlinkDbHz = 78.0;
  const cleanHandDbHz = -db(10 ** (-cn0HandDbHz / 10) + 10 ** (-downlinkDbHz / 10));
  const jammedHandDbHz = -db(10 ** (-cOverN0J0HandDbHz / 10) + 10 ** (-downlinkDbHz / 10));

  it('the hand steps give the numbers written beside them', () => {
    expect(lossTerminalDb).toBeCloseTo(201.87, 2);
    expect(lossJammerDb).toBeCloseTo(202.11, 2);
    expect(cDbw).toBeCloseTo(-111.87, 2);
    expect(jDbw).toBeCloseTo(-122.11, 2);
    expect(jOverSDb).toBeCloseTo(-10.23, 2);
    expect(jDbw - cDbw).toBeCloseTo(jOverSDb, 9);
    expect(n0DbwPerHz).toBeCloseTo(-198.6, 2);
    expect(cn0HandDbHz).toBeCloseTo(86.73, 2);
    expect(j0DbwPerHz).toBeCloseTo(-195.12, 2);
    expect(j0OverN0Db).toBeCloseTo(3.48, 2);
    expect(cOverN0J0HandDbHz).toBeCloseTo(81.63, 2);
    expect(cleanHandDbHz).toBeCloseTo(77.45, 2);
    expect(jammedHandDbHz).toBeCloseTo(76.44, 2);
    expect(cleanHandDbHz - 71.49).toBeCloseTo(5.96, 2);
    expect(cn0HandDbHz - cOverN0J0HandDbHz).toBeCloseTo(5.09, 2);
    expect(cleanHandDbHz - jammedHandDbHz).toBeCloseTo(1.02, 2);
    expect(jammedHandDbHz - 71.49).toBeCloseTo(4.95, 2);
  });

  it('the module gives the same, step by step', () => {
    const lT = freeSpaceLossDb(37_000, fGHz);
    const lJ = freeSpaceLossDb(38_000, fGHz);
    expect(lT).toBeCloseTo(lossTerminalDb, 2);
    expect(receivedPowerDbw(50, lJ, 0, satGainDbi) - receivedPowerDbw(60, lT, 0, satGainDbi)).toBeCloseTo(jOverSDb, 9);
    const n0 = noiseDensityDbwPerHz(satGOverTDbPerK, satGainDbi);
    expect(n0).toBeCloseTo(n0DbwPerHz, 3);
    const cn0 = cn0DbHz(60, lT, 0, satGOverTDbPerK);
    expect(cn0).toBeCloseTo(cn0HandDbHz, 2);
    const overlap = bandOverlapFraction(fGHz, 20, fGHz, 5);
    expect(overlap).toBe(1);
    const j0 = effectiveJammerDensityDbwPerHz(jammerDensityDbwPerHz(50, lJ, 0, satGainDbi, 20), overlap);
    expect(j0).toBeCloseTo(j0DbwPerHz, 2);
    const uplinkDbHz = cOverN0PlusJ0DbHz(cn0, j0 - n0);
    expect(uplinkDbHz).toBeCloseTo(cOverN0J0HandDbHz, 2);
    expect(combineCn0DbHz(uplinkDbHz, downlinkDbHz)).toBeCloseTo(jammedHandDbHz, 2);
    expect(marginDb(combineCn0DbHz(uplinkDbHz, downlinkDbHz), requiredCn0DbHz(9.6, 1.544e6))).toBeCloseTo(4.95, 2);
    // C/(N0 + J0) is C/N0 and C/J0 in cascade: 1/(C/(N0+J0)) = N0/C + J0/C.
    expect(combineCn0DbHz(cn0, receivedPowerDbw(60, lT, 0, satGainDbi) - j0)).toBeCloseTo(uplinkDbHz, 9);
  });

  it('a jammer half outside the carrier band delivers half its density: J0 - 3.01 dB', () => {
    // Jammer 20 MHz centred 10 MHz below a 20 MHz carrier: they share 10 MHz, half the carrier's band.
    const fraction = bandOverlapFraction(fGHz - 0.01, 20, fGHz, 20);
    expect(fraction).toBeCloseTo(0.5, 12);
    expect(effectiveJammerDensityDbwPerHz(-195, fraction)).toBeCloseTo(-195 - db(2), 12);
    expect(effectiveJammerDensityDbwPerHz(-195, 0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('burn-through: C/(N0 + J0) tends to C/N0 as the jammer fades', () => {
  it('J0 = N0 costs 3.01 dB; no jammer (J0/N0 = -Infinity) costs nothing', () => {
    expect(cOverN0PlusJ0DbHz(80, 0)).toBeCloseTo(80 - db(2), 12);
    expect(cOverN0PlusJ0DbHz(80, Number.NEGATIVE_INFINITY)).toBe(80);
  });

  it('moving the jammer away (or off-axis, which lowers J0 the same way) brings C/(N0 + J0) back up to C/N0', () => {
    const cn0 = 86.73;
    const n0 = -198.6;
    let previous = Number.NEGATIVE_INFINITY;
    for (const distanceKm of [38_000, 1e5, 1e6, 1e7, 1e8, 1e9]) {
      const j0 = jammerDensityDbwPerHz(50, freeSpaceLossDb(distanceKm, 8), 0, 30, 20);
      const value = cOverN0PlusJ0DbHz(cn0, j0 - n0);
      expect(value).toBeGreaterThan(previous);
      expect(value).toBeLessThanOrEqual(cn0);
      previous = value;
    }
    expect(cn0 - previous).toBeLessThan(1e-6);
  });

  it('never exceeds C/N0 and decreases as J0/N0 grows', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: 30, max: 120, noNaN: true }), fc.double({ min: -100, max: 60, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true }), (cn0, jn, step) => {
        const value = cOverN0PlusJ0DbHz(cn0, jn);
        expect(value).toBeLessThanOrEqual(cn0);
        expect(cOverN0PlusJ0DbHz(cn0, jn + step)).toBeLessThan(value);
        // Far above the noise the jammer sets the floor: C/(N0 + J0) -> C/J0 = C/N0 - J0/N0.
        if (jn > 40) expect(value).toBeCloseTo(cn0 - jn, 3);
      }),
      { seed, numRuns: 1000 },
    );
  });
});

describe('band overlap fraction', () => {
  it('identical bands 1, disjoint 0, B inside a wider A 1, a wider B half covered 0.5', () => {
    expect(bandOverlapFraction(8.0, 10, 8.0, 10)).toBe(1);
    expect(bandOverlapFraction(8.0, 10, 8.1, 10)).toBe(0);
    expect(bandOverlapFraction(8.0, 500, 8.5, 500)).toBe(0); // edges touch: no overlap
    expect(bandOverlapFraction(8.0, 10, 8.01, 10)).toBeLessThan(1e-12); // the same, 8.01 GHz not being exact in binary
    expect(bandOverlapFraction(8.0, 100, 8.01, 10)).toBe(1);
    expect(bandOverlapFraction(8.0, 10, 8.0, 20)).toBeCloseTo(0.5, 12);
    expect(bandOverlapFraction(8.0, 10, 8.0, 0)).toBe(1);
    expect(bandOverlapFraction(8.0, 10, 8.2, 0)).toBe(0);
  });

  it('lies in [0, 1]; overlap in MHz is symmetric; equal widths give equal fractions both ways', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        (centreGHz, widthAMHz, offsetGHz, widthBMHz) => {
          const ab = bandOverlapFraction(centreGHz, widthAMHz, centreGHz + offsetGHz, widthBMHz);
          const ba = bandOverlapFraction(centreGHz + offsetGHz, widthBMHz, centreGHz, widthAMHz);
          expect(ab).toBeGreaterThanOrEqual(0);
          expect(ab).toBeLessThanOrEqual(1);
          expect(ab * widthBMHz).toBeCloseTo(ba * widthAMHz, 6);
          expect(bandOverlapFraction(centreGHz, widthAMHz, centreGHz + offsetGHz, widthAMHz)).toBeCloseTo(
            bandOverlapFraction(centreGHz + offsetGHz, widthAMHz, centreGHz, widthAMHz),
            9,
          );
          expect(bandOverlapFraction(centreGHz, widthAMHz, centreGHz, widthAMHz)).toBe(1);
        },
      ),
      { seed, numRuns: 1000 },
    );
  });
});

describe('clear-sky atmospheric loss', () => {
  it('the zenith value at 90 deg, twice it at 30 deg, 1/sin 5 deg = 11.47 times it at and below 5 deg', () => {
    expect(atmosphericLossDb(0.4, 90 * DEG)).toBeCloseTo(0.4, 12);
    expect(atmosphericLossDb(0.4, 30 * DEG)).toBeCloseTo(0.8, 12);
    expect(atmosphericLossDb(1, 5 * DEG)).toBeCloseTo(11.474, 3);
    expect(atmosphericLossDb(1, 1 * DEG)).toBe(atmosphericLossDb(1, ATMOSPHERE_ELEVATION_RAD_MIN));
    expect(atmosphericLossDb(1, -10 * DEG)).toBe(atmosphericLossDb(1, ATMOSPHERE_ELEVATION_RAD_MIN));
  });

  it('zenith losses are small and positive, rise from UHF to V, and peak at K (water vapour) below Q', () => {
    for (const { band } of BANDS) expect(ZENITH_LOSS_DB_BY_BAND[band]).toBeGreaterThan(0);
    const ordered: Band[] = ['UHF', 'L', 'S', 'C', 'X', 'Ku'];
    for (let i = 1; i < ordered.length; i++) expect(ZENITH_LOSS_DB_BY_BAND[ordered[i]!]).toBeGreaterThanOrEqual(ZENITH_LOSS_DB_BY_BAND[ordered[i - 1]!]);
    expect(ZENITH_LOSS_DB_BY_BAND.Ku).toBeLessThan(ZENITH_LOSS_DB_BY_BAND.Ka);
    expect(ZENITH_LOSS_DB_BY_BAND.Ka).toBeLessThan(ZENITH_LOSS_DB_BY_BAND.K);
    expect(ZENITH_LOSS_DB_BY_BAND.Q).toBeLessThan(ZENITH_LOSS_DB_BY_BAND.V);
  });
});

describe('bands', () => {
  it('IEEE 521 edges as listed', () => {
    const edges = Object.fromEntries(BANDS.map((b) => [b.band, [b.frequencyGHzMin, b.frequencyGHzMax]]));
    expect(edges).toEqual({ UHF: [0.3, 1], L: [1, 2], S: [2, 4], C: [4, 8], X: [8, 12], Ku: [12, 18], K: [18, 27], Ka: [27, 40], Q: [33, 50], V: [40, 75] });
  });

  it('real systems check out against the band they are called by', () => {
    const systems: [string, Band, number[]][] = [
      ['WGS / Skynet 5 / Syracuse X: 7.25-7.75 down, 7.9-8.4 up', 'X', [7.25, 7.5, 7.75, 7.9, 8.15, 8.4]],
      ['WGS / Syracuse 4 Ka: 20.2-21.2 down, 30-31 up', 'Ka', [20.2, 20.7, 21.2, 30, 30.5, 31]],
      ['AEHF EHF uplink 43.5-45.5', 'Q', [43.5, 44.5, 45.5]],
      ['AEHF SHF downlink 20.2-21.2', 'Ka', [20.2, 20.7, 21.2]],
      ['UHF SATCOM 240-320 MHz', 'UHF', [0.24, 0.25, 0.3, 0.318, 0.32]],
      ['commercial Ku 10.7-12.75 down, 14.0-14.5 up', 'Ku', [10.7, 11.7, 12.75, 14.0, 14.5]],
      ['commercial C 3.7-4.2 down, 5.925-6.425 up', 'C', [3.7, 4.2, 5.925, 6.425]],
      ['commercial Ka 17.7-20.2 down, 27.5-30 up', 'Ka', [17.7, 19.7, 20.2, 27.5, 29.5, 30]],
      ['Inmarsat L 1.5-1.6', 'L', [1.525, 1.6465]],
      ['Q/V feeder downlink 37.5-42.5', 'Q', [37.5, 40, 42.5]],
    ];
    for (const [name, band, frequenciesGHz] of systems) {
      for (const f of frequenciesGHz) {
        expect(frequencyInBand(band, f), `${name}: ${f} GHz in ${band}`).toBe(true);
        expect(bandOf(f), `${name}: bandOf(${f})`).toBe(band);
      }
    }
    expect(bandOf(48)).toBe('V');
    expect(frequencyInBand('V', 48)).toBe(true);
  });

  it('rejects a frequency in the wrong band, and bandOf is undefined outside 0.225-75 GHz', () => {
    expect(frequencyInBand('X', 20.7)).toBe(false);
    expect(frequencyInBand('Ka', 7.5)).toBe(false);
    expect(frequencyInBand('UHF', 1.5)).toBe(false);
    expect(frequencyInBand('Q', 30)).toBe(false);
    expect(frequencyInBand('X', 6.5)).toBe(false);
    expect(bandOf(0.1)).toBeUndefined();
    expect(bandOf(94)).toBeUndefined();
    expect(bandOf(Number.NaN)).toBeUndefined();
  });

  it('IEEE letters where no SATCOM allocation overrides: 1.5 L, 2.2 S, 5 C, 10 X, 15 Ku, 25 K, 35 Ka, 60 V', () => {
    const cases: [number, Band][] = [[0.5, 'UHF'], [1.5, 'L'], [2.2, 'S'], [5, 'C'], [10, 'X'], [15, 'Ku'], [25, 'K'], [35, 'Ka'], [60, 'V']];
    for (const [f, band] of cases) expect(bandOf(f), `${f} GHz`).toBe(band);
    for (const [f, band] of cases) expect(frequencyInBand(band, f), `${f} GHz`).toBe(true);
  });

  it('every frequency bandOf names is accepted by frequencyInBand for that band', () => {
    const seed = testSeed();
    fc.assert(
      fc.property(fc.double({ min: 0.225, max: 74.999, noNaN: true }), (f) => {
        const band = bandOf(f);
        expect(band).toBeDefined();
        expect(frequencyInBand(band!, f)).toBe(true);
      }),
      { seed, numRuns: 2000 },
    );
  });
});
