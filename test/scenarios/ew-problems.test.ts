/**
 * Bad input in the EW and PNT sections (`satcom`, `jammers`, `pnt`, and `jamming` injects): each fault
 * gives a positioned error (file:line:col, as `vigil validate` prints it and exits 2), with a hint where
 * one helps. The scenarios are inline, on one real satellite of the March 2026 catalog; every expected
 * position is found in the text by the test (the line holding the fault, the column of the offending
 * value), not copied from the loader's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';
import { formatProblem, type ProblemCode } from '../../scenarios/problems.js';
import { positionOf, problemsOf as problemsIn, ROOT, SCENARIOS } from '../helpers.js';

const problemsOf = (text: string) => problemsIn(text, 'inline-ew.yaml');

const HEADER = `vigil: 1
name: bad EW input
epoch: 2026-03-19T12:00:00Z
duration: 1h
step: 30s
nations:
  - { id: USA }
  - { id: RUS, side: red }
sites:
  - { id: vilnius, owner: USA, latDeg: 54.687, lonDeg: 25.28 }
catalogs:
  - { file: data/active-2026-03.tle, select: { noradIds: [42075] }, owners: { default: USA } }
  - { file: data/gnss-2026-03/gps.tle, constellation: GPS, owners: { default: USA } }
`;
const WGS = '    - { id: wgs, satellite: NORAD-42075, band: X, uplinkGHz: 7.975, downlinkGHz: 7.675, bandwidthMHz: 125, eirpDbw: 30, gOverTDbPerK: -10 }\n';
const TERMINAL = (more: string) => `    - { id: t1, owner: USA, latDeg: 54.7, lonDeg: 25.3, eirpDbw: 60, gainDbi: 44, gOverTDbPerK: 20, dataRateMbps: 2, requiredEbN0Db: 5${more} }\n`;
const JAMMER = (more: string) => `  - { id: kgd, owner: RUS, latDeg: 54.71, lonDeg: 20.51, band: X, frequencyGHz: 7.98, bandwidthMHz: 20, eirpDbw: 80${more} }\n`;

interface Expected {
  code: ProblemCode;
  /** A text that occurs once in the scenario: on the faulty line, where the problem must point. */
  at: string;
  /** Words the message must contain. */
  says: string;
}

/** [what, scenario body after the header, the one error expected]. */
const CASES: [string, string, Expected][] = [
  ['unknown band, with a did-you-mean', `satcom:\n  transponders:\n${WGS.replace('band: X', 'band: Xx')}`,
    { code: 'INVALID_VALUE', at: 'Xx', says: "band must be one of 'UHF', 'L', 'S', 'C', 'X', 'Ku', 'K', 'Ka', 'Q', 'V', found the text 'Xx'; did you mean 'X'?" }],
  ['negative jammer EIRP (watts written as dBW)', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075 }').replace('eirpDbw: 80', 'eirpDbw: -3')}`,
    { code: 'OUT_OF_RANGE', at: '-3', says: 'jammers[0].eirpDbw must be at least 0, found -3' }],
  ['negative transponder EIRP', `satcom:\n  transponders:\n${WGS.replace('eirpDbw: 30', 'eirpDbw: -3')}`,
    { code: 'OUT_OF_RANGE', at: '-3', says: 'satcom.transponders[0].eirpDbw must be at least 0, found -3' }],
  ['negative terminal EIRP', `satcom:\n  transponders:\n${WGS}  terminals:\n${TERMINAL(', transponders: [wgs]').replace('eirpDbw: 60', 'eirpDbw: -3')}`,
    { code: 'OUT_OF_RANGE', at: '-3', says: 'satcom.terminals[0].eirpDbw must be at least 0, found -3' }],
  ['a jammer aimed at a satellite the scenario does not have', `jammers:\n${JAMMER(', target: { satellite: NORAD-42076 }')}`,
    { code: 'UNKNOWN_REF', at: 'NORAD-42076', says: "target satellite 'NORAD-42076' is not an object of the scenario; did you mean 'NORAD-42075'?" }],
  ['a transponder on a satellite the scenario does not have', `satcom:\n  transponders:\n${WGS.replace('NORAD-42075', 'WGS-9')}`,
    { code: 'UNKNOWN_REF', at: 'WGS-9', says: "satellite 'WGS-9' is not an object of the scenario" }],
  ['a jammer frequency outside its band', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075 }').replace('band: X', 'band: Ku')}`,
    { code: 'OUT_OF_RANGE', at: '7.98', says: 'jammer frequency 7.98 GHz is not in Ku band' }],
  ['a transponder uplink outside its band (MHz written as GHz)', `satcom:\n  transponders:\n${WGS.replace('uplinkGHz: 7.975', 'uplinkGHz: 79.75')}`,
    { code: 'OUT_OF_RANGE', at: '79.75', says: 'uplink 79.75 GHz is not in X band' }],
  ['a terminal naming an unknown transponder', `satcom:\n  transponders:\n${WGS}  terminals:\n${TERMINAL(', transponders: [wgs, wgs10]')}`,
    { code: 'UNKNOWN_REF', at: 'wgs10', says: "transponder 'wgs10' is not declared under satcom.transponders; did you mean 'wgs'?" }],
  ['a jamming inject naming an unknown jammer', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075 }')}msel:\n  - { id: on, at: 10m, kind: jamming, jammer: kgd2, title: jam }\n`,
    { code: 'UNKNOWN_REF', at: 'kgd2', says: "jammer 'kgd2' is not declared under jammers:; did you mean 'kgd'?" }],
  ['a receiver with both a grid and a site', 'pnt:\n  receivers:\n    - { id: r1, owner: USA, site: vilnius, grid: { latDeg: [54, 55], lonDeg: [20, 21], stepDeg: 0.5 }, constellations: [GPS] }\n',
    { code: 'INVALID_VALUE', at: '{ latDeg: [54', says: "receiver 'r1' gives a grid and a place: give one" }],
  ['a grid too large', 'pnt:\n  receivers:\n    - { id: r1, owner: USA, grid: { latDeg: [-80, 80], lonDeg: [-180, 180], stepDeg: 0.1 }, constellations: [GPS] }\n',
    { code: 'LIMIT', at: '0.1 }', says: "receiver 'r1' grid has 5765201 points, over the limit of 100000: use a larger stepDeg" }],
  ['a jammer with two places', `jammers:\n${JAMMER(', site: vilnius, target: { satellite: NORAD-42075 }')}`,
    { code: 'INVALID_VALUE', at: '{ id: kgd', says: "jammer 'kgd' gives site and latDeg/lonDeg: give exactly one place" }],
  ['a terminal with no place', `satcom:\n  transponders:\n${WGS}  terminals:\n${TERMINAL(', transponders: [wgs]').replace('latDeg: 54.7, lonDeg: 25.3, ', '')}`,
    { code: 'INVALID_VALUE', at: '{ id: t1', says: "terminal 't1' needs a place" }],
  ['a terminal riding an orbiting object', `satcom:\n  transponders:\n${WGS}  terminals:\n${TERMINAL(', transponders: [wgs]').replace('latDeg: 54.7, lonDeg: 25.3', 'object: NORAD-42075')}`,
    { code: 'INVALID_VALUE', at: 'NORAD-42075, eirpDbw: 60', says: "terminal 't1' cannot ride an orbiting object" }],
  ['a jammer aimed at a satellite and a point at once', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075, latDeg: 55, lonDeg: 24 }')}`,
    { code: 'INVALID_VALUE', at: '{ satellite', says: 'not both' }],
  ['a jammer window that ends before it starts', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075 }, on: [{ from: 30m, until: 20m }]')}`,
    { code: 'OUT_OF_RANGE', at: '20m', says: "jammer 'kgd' window ends before it starts" }],
  ['a track whose waypoints go back in time', `jammers:\n  - id: air\n    owner: RUS\n    track:\n      - { at: 20m, latDeg: 55, lonDeg: 20, altM: 8000 }\n      - { at: 10m, latDeg: 56, lonDeg: 20, altM: 8000 }\n    band: X\n    frequencyGHz: 7.675\n    bandwidthMHz: 50\n    eirpDbw: 60\n    target: { latDeg: 55, lonDeg: 24 }\n`,
    { code: 'OUT_OF_RANGE', at: '10m', says: 'waypoint 2 of jammer' }],
  ['a receiver listing a constellation twice', 'pnt:\n  receivers:\n    - { id: r1, owner: USA, site: vilnius, constellations: [GPS, GPS] }\n',
    { code: 'INVALID_VALUE', at: '[GPS, GPS]', says: "receiver 'r1' lists a constellation twice" }],
  ['an unknown constellation, with a did-you-mean', 'pnt:\n  receivers:\n    - { id: r1, owner: USA, site: vilnius, constellations: [GPS, GALILLEO] }\n',
    { code: 'INVALID_VALUE', at: 'GALILLEO', says: "did you mean 'GALILEO'?" }],
  ['a receiver at an unknown site', 'pnt:\n  receivers:\n    - { id: r1, owner: USA, site: vilnus, constellations: [GPS] }\n',
    { code: 'UNKNOWN_REF', at: 'vilnus', says: "site 'vilnus' is not declared under sites:; did you mean 'vilnius'?" }],
  ['a jammer owned by an undeclared nation', `jammers:\n${JAMMER(', target: { satellite: NORAD-42075 }').replace('owner: RUS', 'owner: RUZ')}`,
    { code: 'UNKNOWN_REF', at: 'RUZ', says: "nation 'RUZ' is not declared under nations:; did you mean 'RUS'?" }],
];

describe('EW and PNT bad input: positioned errors', () => {
  it('the header alone is a valid scenario (every case below holds one fault)', () => {
    const r = loadScenarioText(HEADER, join(SCENARIOS, 'inline-ew.yaml'), SCENARIOS);
    expect(r.ok ? [] : r.value.problems.map((p) => p.message)).toEqual([]);
  });

  it.each(CASES)('%s', (_what, body, x) => {
    const text = HEADER + body;
    const { problems, sources } = problemsOf(text);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual([`${x.code} ${positionOf(text, x.at).join(':')}`]);
    expect(errors[0].message).toContain(x.says);
    expect(errors[0].file).toBe(join(SCENARIOS, 'inline-ew.yaml'));
    // Printed as `vigil validate` prints it: file:line:col, code, message, the line, a caret under the column.
    const [head, src, caret] = formatProblem(errors[0], (f) => sources.get(f)).split('\n');
    expect(head).toBe(`${errors[0].file}:${errors[0].line}:${errors[0].col}  ${x.code}  ${errors[0].message}`);
    const bar = src.indexOf(' | ') + 3;
    const shown = src.slice(bar), line = text.split('\n')[errors[0].line - 1];
    // Lines over 160 characters show a window around the column, cut with '...': the caret sits under
    // the same text as the column in the file.
    const caretAt = caret.indexOf('^') - bar;
    const needle = line.slice(errors[0].col - 1, errors[0].col + 2);
    expect(shown.slice(caretAt, caretAt + needle.length)).toBe(needle);
    if (!shown.startsWith('...') && !shown.endsWith('...')) {
      expect(shown).toBe(line);
      expect(caretAt + 1).toBe(errors[0].col);
    }
  });

  it('several EW faults in one file are all reported at once, in the order of the text', () => {
    const text = `${HEADER}satcom:\n  transponders:\n${WGS.replace('band: X', 'band: Xx')}jammers:\n${JAMMER(', target: { satellite: NORAD-1 }').replace('eirpDbw: 80', 'eirpDbw: -3')}`;
    const { problems } = problemsOf(text);
    expect(problems.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual([
      `INVALID_VALUE ${positionOf(text, 'Xx').join(':')}`,
      `OUT_OF_RANGE ${positionOf(text, '-3').join(':')}`,
    ]);
    // The unknown target is found once the shape is right: fix the EIRP and it is reported.
    const next = problemsOf(text.replace('band: Xx', 'band: X').replace('eirpDbw: -3', 'eirpDbw: 80')).problems;
    expect(next.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual([`UNKNOWN_REF ${positionOf(text, 'NORAD-1 ').join(':')}`]);
  });

  it('vigil validate exits 2 on an unknown band and prints file:line:col with a did-you-mean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-ew-'));
    const file = join(dir, 'bad-band.yaml');
    const text = (HEADER + `satcom:\n  transponders:\n${WGS.replace('band: X', 'band: Xx')}`).replaceAll('file: data/', `file: ${join(SCENARIOS, 'data')}/`);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vigil.js'), 'validate', file], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, VIGIL_DEBUG: '' } });
    expect(r.status).toBe(2);
    const [line, col] = positionOf(text, 'Xx');
    expect(r.stderr).toContain(`bad-band.yaml:${line}:${col}  INVALID_VALUE`);
    expect(r.stderr).toContain("did you mean 'X'?");
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
