/**
 * The GNSS signal table (engine/physics/gnss.ts) against its interface documents, and the March 2026
 * constellation catalogs (scenarios/data/gnss-2026-03, CelesTrak GP groups; see scenarios/data/PROVENANCE.md).
 *
 * Expected values are the ICD numbers themselves (IS-GPS-200 3.3.1.6 Table 3-V; Galileo OS SIS ICD
 * Issue 2.1 Table 12; GLONASS ICD Edition 5.1 3.3.1 and 3.3.1.6; BDS-SIS-ICD-B1I-3.0 4.2.1, 4.2.5, 4.2.7)
 * and band overlaps worked by hand from the band edges written next to each case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { propagate, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { bandOverlapMHz, CONSTELLATION_INDEX, CONSTELLATIONS, SIGNALS, signalOverlapFraction, type Constellation } from '../../engine/physics/gnss.js';
import { parseTleText } from '../../scenarios/catalog/tle.js';
import { SCENARIOS } from '../helpers.js';

/** Frequencies are exact decimal MHz; arithmetic on them is good to far better than a hertz. */
const ONE_HZ_MHZ = 1e-6;

describe('signal table', () => {
  it('lists the four constellations, indexed in order', () => {
    expect([...CONSTELLATIONS]).toEqual(['GPS', 'GALILEO', 'GLONASS', 'BEIDOU']);
    CONSTELLATIONS.forEach((c, i) => {
      expect(CONSTELLATION_INDEX[c]).toBe(i);
      expect(SIGNALS[c].constellation).toBe(c);
      expect(SIGNALS[c].source.length).toBeGreaterThan(0);
    });
  });

  it('GPS L1 C/A and Galileo E1 share 1575.42 MHz; B1I sits at 1561.098 MHz', () => {
    expect(SIGNALS.GPS.centreFrequencyMHz).toBe(1575.42);
    expect(SIGNALS.GALILEO.centreFrequencyMHz).toBe(SIGNALS.GPS.centreFrequencyMHz);
    expect(SIGNALS.BEIDOU.centreFrequencyMHz).toBe(1561.098);
    expect(SIGNALS.GPS.bandwidthMHz).toBeCloseTo(2.046, 12);
    expect(SIGNALS.GALILEO.bandwidthMHz).toBeCloseTo(4.092, 12);
    expect(SIGNALS.BEIDOU.bandwidthMHz).toBeCloseTo(4.092, 12);
  });

  it('GLONASS L1OF spans channel -7 (1598.0625 MHz) to +6 (1605.375 MHz) plus half a 1.022 MHz main lobe each side', () => {
    const g = SIGNALS.GLONASS;
    expect(Math.abs(g.centreFrequencyMHz - g.bandwidthMHz / 2 - (1598.0625 - 0.511))).toBeLessThan(ONE_HZ_MHZ);
    expect(Math.abs(g.centreFrequencyMHz + g.bandwidthMHz / 2 - (1605.375 + 0.511))).toBeLessThan(ONE_HZ_MHZ);
    expect(g.centreFrequencyMHz).toBeCloseTo(1601.71875, 9);
    expect(g.bandwidthMHz).toBeCloseTo(8.3345, 9);
  });

  it('minimum received powers are the ICD values', () => {
    expect(SIGNALS.GPS.minReceivedPowerDbw).toBe(-158.5);
    expect(SIGNALS.GALILEO.minReceivedPowerDbw).toBe(-157.25);
    expect(SIGNALS.GLONASS.minReceivedPowerDbw).toBe(-161);
    expect(SIGNALS.BEIDOU.minReceivedPowerDbw).toBe(-163);
  });

  it('is frozen: the engine cannot edit a physical constant at run time', () => {
    expect(Object.isFrozen(SIGNALS)).toBe(true);
    for (const c of CONSTELLATIONS) expect(Object.isFrozen(SIGNALS[c])).toBe(true);
  });
});

describe('jammer overlap', () => {
  const fractions = (centreMHz: number, widthMHz: number) => Object.fromEntries(CONSTELLATIONS.map((c) => [c, signalOverlapFraction(centreMHz, widthMHz, c)])) as Record<Constellation, number>;

  it('a 2 MHz jammer on GPS L1 (1574.42-1576.42) lands wholly in GPS and Galileo, not in GLONASS (from 1597.55) or B1I (to 1563.14)', () => {
    const f = fractions(1575.42, 2);
    expect(f.GPS).toBe(1);
    expect(f.GALILEO).toBe(1);
    expect(f.GLONASS).toBe(0);
    expect(f.BEIDOU).toBe(0);
  });

  it('a 20 MHz barrage on L1 (1565.42-1585.42) puts 2.046/20 in GPS and 4.092/20 in Galileo', () => {
    const f = fractions(1575.42, 20);
    expect(f.GPS).toBeCloseTo(2.046 / 20, 12);
    expect(f.GALILEO).toBeCloseTo(4.092 / 20, 12);
    expect(f.GLONASS).toBe(0);
    expect(f.BEIDOU).toBe(0);
  });

  it('a 40 MHz barrage at 1590 MHz (1570-1610) covers GPS, Galileo and GLONASS whole, and misses B1I', () => {
    const f = fractions(1590, 40);
    expect(f.GPS).toBeCloseTo(2.046 / 40, 12);
    expect(f.GALILEO).toBeCloseTo(4.092 / 40, 12);
    expect(f.GLONASS).toBeCloseTo(8.3345 / 40, 9);
    expect(f.BEIDOU).toBe(0);
  });

  it('a jammer across the GPS band edge: 1577 +- 1 MHz overlaps 1576-1576.443, so 0.443/2 of its power', () => {
    expect(signalOverlapFraction(1577, 2, 'GPS')).toBeCloseTo(0.443 / 2, 12);
    expect(bandOverlapMHz(1577, 2, 1575.42, 2.046)).toBeCloseTo(0.443, 12);
    expect(bandOverlapMHz(1575.42, 2.046, 1577, 2)).toBeCloseTo(0.443, 12);
  });

  it('a CW tone counts 1 inside the band and 0 outside', () => {
    expect(signalOverlapFraction(1575.42, 0, 'GPS')).toBe(1);
    expect(signalOverlapFraction(1602, 0, 'GLONASS')).toBe(1);
    expect(signalOverlapFraction(1580, 0, 'GPS')).toBe(0);
  });

  it('throws on a programming error', () => {
    expect(() => signalOverlapFraction(Number.NaN, 2, 'GPS')).toThrow(/vigil gnss/);
    expect(() => signalOverlapFraction(1575.42, -1, 'GPS')).toThrow(/vigil gnss/);
  });
});

describe('March 2026 catalogs (scenarios/data/gnss-2026-03)', () => {
  /** Object counts per scenarios/data/PROVENANCE.md. */
  const COUNTS: Record<Constellation, number> = { GPS: 32, GALILEO: 33, GLONASS: 28, BEIDOU: 55 };
  const at = new Date(Date.UTC(2026, 2, 19, 12, 0, 0));

  it.each(CONSTELLATIONS.map((c) => [c]))('%s loads without problems and every satellite propagates', (c) => {
    const text = readFileSync(join(SCENARIOS, 'data', 'gnss-2026-03', `${c.toLowerCase()}.tle`), 'utf8');
    const { entries, problems } = parseTleText(text);
    expect(problems).toEqual([]);
    expect(entries.length).toBe(COUNTS[c]);
    let propagated = 0;
    for (const e of entries) {
      const satrec = twoline2satrec(e.line1, e.line2);
      expect(satrec.error, e.name).toBe(0);
      if (propagate(satrec, at)) propagated++;
    }
    expect(propagated).toBe(entries.length);
    console.log(`${c}: ${entries.length} satellites (${SIGNALS[c].signal}), all propagate to 2026-03-19T12:00Z`);
  });
});
