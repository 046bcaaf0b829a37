/** Loader checks that close holes a review found: each would otherwise load a broken scenario silently. */
import { describe, expect, it } from 'vitest';
import { tleChecksum, parseTleText } from '../../scenarios/catalog/tle.js';
import { parseOmmJson } from '../../scenarios/catalog/omm.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { didYouMean } from '../../scenarios/problems.js';
import { satrecFrom } from '../../engine/index.js';
import { SCENARIOS } from '../helpers.js';

const L1 = '1 25544U 98067A   26078.12958500  .00009105  00000+0  17698-3 0  9991';
const L2 = '2 25544  51.6344  25.6919 0006229 207.4819 152.5840 15.48370465557798';

/** Replace columns [from, to] (1-based) and fix the checksum, so only the field is wrong. */
function withField(line: string, from: number, text: string): string {
  const body = line.slice(0, from - 1) + text + line.slice(from - 1 + text.length, 68);
  return body + String(tleChecksum(body + '0'));
}

const HEADER = ['vigil: 1', 'name: T', 'epoch: 2026-03-19T06:00:00Z', 'duration: 1h'];
const load = (...lines: string[]) => loadScenarioText([...HEADER, ...lines, ''].join('\n'), 't.yaml', SCENARIOS);

describe('TLE fields that would become NaN are refused', () => {
  it.each([
    ['B* with four digits (parsed as NaN by satellite.js)', 54, '  1769-3'],
    ['second derivative with too few digits', 45, '    12-3'],
    ['epoch day 0', 21, '000.12958500'],
    ['epoch day 400', 21, '400.12958500'],
  ])('%s', (_what, col, text) => {
    const bad = withField(L1, col, text);
    const r = parseTleText(`ISS\n${bad}\n${L2}\n`);
    expect(r.entries).toHaveLength(0);
    expect(r.problems[0]).toMatchObject({ line: 2, col, code: 'TLE_FORMAT' });
  });

  it('accepts the real line and a signed B* and exponent', () => {
    expect(parseTleText(`ISS\n${L1}\n${L2}\n`).entries).toHaveLength(1);
    const signed = withField(L1, 54, '-11606-4');
    expect(parseTleText(`${signed}\n${L2}\n`).entries).toHaveLength(1);
  });
});

describe('GP JSON problem lines follow the records, whatever they hold', () => {
  it('places a null record and the records after it on their own lines', () => {
    const r = parseOmmJson('[\n  null,\n  {"OBJECT_NAME": "X"}\n]');
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe('meaning checks', () => {
  it('an inject target must be an object, site or sensor, not an agreement or inject id', () => {
    const r = load(
      'nations: [{ id: USA }, { id: GBR }]',
      'agreements: [{ id: share, provider: USA, recipients: [GBR], products: [ssa.tracks] }]',
      'msel:',
      '  - { id: j1, at: 10m, kind: asat-launch, by: USA, target: share, title: J }',
      '  - { id: j2, at: 20m, kind: asat-launch, by: USA, target: j1, title: A }',
    );
    expect(r.ok).toBe(false);
    const codes = (r.ok ? [] : r.value.problems).map((p) => `${p.line}:${p.code}`);
    // Each line: the target, and USA having no DA-ASAT launcher to fire.
    expect(codes).toEqual(['8:UNKNOWN_REF', '8:UNKNOWN_REF', '9:UNKNOWN_REF', '9:UNKNOWN_REF']);
  });

  it('two objects with one NORAD number are an error', () => {
    const r = load('objects:', `  - { id: a, tle: "${L1}\\n${L2}" }`, `  - { id: b, tle: "${L1}\\n${L2}" }`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0]).toMatchObject({ line: 7, code: 'DUPLICATE_ID' });
  });

  it('a catalog that imports nothing is a warning', () => {
    const r = load('catalogs:', '  - { file: data/gnss-2026-03/gps.tle, select: { names: ["NO SUCH*"] } }');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.warnings.map((w) => w.code)).toEqual(['EMPTY_CATALOG']);
  });

  it('an inject after the last tick is refused when the duration is not whole steps', () => {
    const r = loadScenarioText(['vigil: 1', 'name: T', 'epoch: 2026-03-19T06:00:00Z', 'duration: 65s', 'step: 10s', 'msel:', '  - { id: m, at: 65s, kind: message, title: M }', ''].join('\n'), 't.yaml', SCENARIOS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0]).toMatchObject({ line: 7, code: 'OUT_OF_SCENARIO' });
  });

  it('semiMajorAxisKm is the semi-major axis SGP4 flies (un-Kozai inverted), to a millimetre', () => {
    for (const [a, e, i] of [[6978.137, 0.001, 97.8], [26560, 0.74, 63.4], [42164, 0.0002, 0.1]]) {
      const r = load('objects:', `  - { id: o, elements: { semiMajorAxisKm: ${a}, eccentricity: ${e}, inclinationDeg: ${i} } }`);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const satrec = satrecFrom(r.value.model.objects[0].orbit);
      expect(Math.abs(satrec.a * 6378.135 - a)).toBeLessThan(1e-6);
    }
  });
});

describe('from a planner acceptance pass', () => {
  it('a nation known only from owner data cannot be referenced without declaring it', () => {
    const r = load(
      'nations: [{ id: USA }]',
      'catalogs: [{ file: data/gnss-2026-03/beidou.tle, owners: { file: data/owners-ucs-2023.csv, default: none } }]',
      'msel: [{ id: j, at: 10m, kind: asat-launch, by: CHN, target: NORADX, title: J }]',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems.find((p) => p.message.includes("'CHN'"))?.message).toContain('appears only as an owner in catalog data');
  });

  it('owner data adds only the owners of imported objects as nations', () => {
    const r = load('nations: [{ id: USA }]', 'catalogs: [{ file: data/gnss-2026-03/gps.tle, owners: { file: data/owners-ucs-2023.csv, default: USA } }]');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.model.nations.map((n) => n.id)).toEqual(['USA']);
  });

  it('an invalid epoch does not bring follow-on time errors', () => {
    const r = loadScenarioText(['vigil: 1', 'name: T', 'epoch: 2026-02-30T12:00:00Z', 'duration: 1h', 'msel: [{ id: m, at: "2026-03-01T00:00:00Z", kind: message, title: M }]', ''].join('\n'), 't.yaml', SCENARIOS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems.map((p) => p.code)).toEqual(['BAD_EPOCH']);
  });

  it('a duration written as a bare number is told to take a unit', () => {
    const r = loadScenarioText(['vigil: 1', 'name: T', 'epoch: 2026-03-19T00:00:00Z', 'duration: 90', ''].join('\n'), 't.yaml', SCENARIOS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0].message).toBe("duration needs a unit: write it as text such as '90s' or '90m', found the number 90");
  });

  it('did-you-mean counts two swapped letters as one edit', () => {
    expect(didYouMean('EAS', ['AUS', 'ESA'])).toBe("; did you mean 'ESA'?");
    expect(didYouMean('AUKSU', ['AUS', 'AUKUS'])).toBe("; did you mean 'AUKUS'?");
  });
});

describe('messages that say what to do', () => {
  it('an OMM field misspelled points at the misspelling and names the field it should be', () => {
    const r = load('objects:', '  - id: a', '    omm:', '      OBJECT_NAME: A', '      EPOCH: "2026-03-19T00:00:00"', '      MEAN_MOTON: 15', '      ECCENTRICITY: 0.001', '      INCLINATION: 98', '      RA_OF_ASC_NODE: 0', '      ARG_OF_PERICENTER: 0', '      MEAN_ANOMALY: 0', '      NORAD_CAT_ID: 5', '      BSTAR: 0', '      MEAN_MOTION_DOT: 0', '      MEAN_MOTION_DDOT: 0');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0]).toMatchObject({ line: 10, code: 'OMM_FORMAT', message: "field MEAN_MOTION is missing (is 'MEAN_MOTON' a misspelling of it?)" });
  });

  it('TLE lines folded into one by YAML are named as such', () => {
    const r = load('objects:', `  - { id: a, tle: "${L1} ${L2}" }`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0].message).toContain("write 'tle: |' so YAML keeps the line breaks");
  });

  it('an empty name is "must not be empty"', () => {
    const r = loadScenarioText(['vigil: 1', 'name: ""', 'epoch: 2026-03-19T00:00:00Z', 'duration: 1h', ''].join('\n'), 't.yaml', SCENARIOS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.value.problems[0].message).toBe('name must not be empty');
  });
});
