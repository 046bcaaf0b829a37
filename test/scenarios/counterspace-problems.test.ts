/**
 * Bad input in the counterspace section and its injects (asat-launch, breakup, co-orbital-attack,
 * laser-dazzle): each fault is one positioned problem (file:line:col, as `vigil validate` prints it and
 * exits 2), never a crash. The scenarios are inline, with a few objects by mean elements; every expected
 * position is found in the text by the test (the line holding the fault, the column of the offending
 * value), not copied from the loader's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSim, step } from '../../engine/index.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { formatProblem, type ProblemCode } from '../../scenarios/problems.js';
import { positionOf, problemsOf as problemsIn, ROOT, SCENARIOS } from '../helpers.js';

const problemsOf = (text: string) => problemsIn(text, 'inline-cs.yaml');

const HEADER = `vigil: 1
name: bad counterspace input
epoch: 2026-03-19T12:00:00Z
duration: 2h
step: 10s
nations:
  - { id: USA }
  - { id: RUS, side: red }
sites:
  - { id: plesetsk, owner: RUS, latDeg: 62.9271, lonDeg: 40.5777 }
  - { id: krona, owner: RUS, latDeg: 43.825, lonDeg: 41.5861 }
  - { id: fylingdales, owner: USA, latDeg: 54.3617, lonDeg: -0.67 }
objects:
  - { id: leo-sat, owner: RUS, elements: { meanMotionRevPerDay: 15.2, eccentricity: 0.001, inclinationDeg: 82 } }
  - { id: usa-imager, owner: USA, elements: { meanMotionRevPerDay: 15.0, eccentricity: 0.001, inclinationDeg: 97, raanDeg: 40 } }
  - { id: cosmos-asat, owner: RUS, elements: { meanMotionRevPerDay: 15.1, eccentricity: 0.001, inclinationDeg: 97, raanDeg: 41 } }
  - { id: geo-sat, owner: USA, elements: { meanMotionRevPerDay: 1.0027, eccentricity: 0.0002, inclinationDeg: 0.05 } }
sensors:
  - { id: fyl-radar, kind: radar, site: fylingdales, rangeKmMax: 4800 }
  - { id: imager-eye, kind: space, host: usa-imager, rangeKmMax: 40000, magnitudeMax: 15 }
`;
const COUNTERSPACE = (more = '', debris = '', conj = '') => `counterspace:
  interceptors:
    - { id: nudol, altitudeKmMax: 1000, rangeKmMax: 2500 }
  launchers:
    - { id: plesetsk-nudol, site: plesetsk, interceptor: nudol, inventory: 2 }
  coOrbital:
    - { id: cosmos-2576, object: cosmos-asat, deltaVMps: 700 }
  lasers:
    - { id: kalina, site: krona }
  missileWarning:
    - { id: fyl-mw, radar: fyl-radar }
${more}${debris}${conj}`;

interface Expected {
  code: ProblemCode | ProblemCode[];
  /** A text that occurs once in the scenario: on the faulty line, where the problem must point. */
  at: string;
  /** Words the message must contain. */
  says: string;
}

const inject = (body: string) => `msel:\n  - { id: i1, at: 10m, title: t, ${body} }\n`;

/** [what, scenario body after the header, the one error expected]. */
const CASES: [string, string, Expected][] = [
  ['an ASAT target in GEO, above the interceptor ceiling', COUNTERSPACE() + inject('kind: asat-launch, by: RUS, target: geo-sat'),
    { code: 'UNREACHABLE', at: 'geo-sat }', says: "target 'geo-sat' never comes below" }],
  ['an ASAT aimed at a ground site', COUNTERSPACE() + inject('kind: asat-launch, by: RUS, target: fylingdales'),
    { code: 'INVALID_VALUE', at: 'fylingdales }', says: "'fylingdales' is a site or sensor: a DA-ASAT intercepts an orbiting object" }],
  ['a breakup inject with a negative mass', COUNTERSPACE() + inject('kind: breakup, object: leo-sat, breakup: { massKg: -5 }'),
    { code: ['OUT_OF_RANGE', 'TYPE'], at: '-5', says: 'massKg' }],
  ['a fragment cut-off of zero', COUNTERSPACE('', '  debris: { fragmentCutoffM: 0.0 }\n'),
    { code: 'OUT_OF_RANGE', at: '0.0 }', says: 'fragmentCutoffM' }],
  ['an asat-launch naming an unknown launcher, with a did-you-mean', COUNTERSPACE() + inject('kind: asat-launch, by: RUS, target: leo-sat, launcher: plesetsk-nudoll'),
    { code: 'UNKNOWN_REF', at: 'plesetsk-nudoll', says: "launcher 'plesetsk-nudoll' is not declared under counterspace.launchers:; did you mean 'plesetsk-nudol'?" }],
  ['a launcher naming an unknown interceptor class, with a did-you-mean', COUNTERSPACE().replace('interceptor: nudol,', 'interceptor: nudoll,'),
    { code: 'UNKNOWN_REF', at: 'nudoll', says: "interceptor 'nudoll' is not declared under counterspace.interceptors:; did you mean 'nudol'?" }],
  ['a launcher at an unknown site, with a did-you-mean', COUNTERSPACE().replace('site: plesetsk,', 'site: plesetskk,'),
    { code: 'UNKNOWN_REF', at: 'plesetskk', says: "site 'plesetskk' is not declared under sites:; did you mean 'plesetsk'?" }],
  ['a laser-dazzle naming an unknown laser, with a did-you-mean', COUNTERSPACE() + inject('kind: laser-dazzle, laser: kalinaa, target: usa-imager, duration: 1h'),
    { code: 'UNKNOWN_REF', at: 'kalinaa', says: "laser 'kalinaa' is not declared under counterspace.lasers:; did you mean 'kalina'?" }],
  ['a co-orbital attack naming an unknown ASAT, with a did-you-mean', COUNTERSPACE() + inject('kind: co-orbital-attack, asat: cosmos-2567, target: usa-imager'),
    { code: 'UNKNOWN_REF', at: 'cosmos-2567', says: "'cosmos-2567' is not declared under counterspace.coOrbital:; did you mean 'cosmos-2576'?" }],
  ['a missile-warning sensor with both a host and a radar', COUNTERSPACE().replace('{ id: fyl-mw, radar: fyl-radar }', '{ id: fyl-mw, radar: fyl-radar, host: geo-sat }'),
    { code: 'INVALID_VALUE', at: '{ id: fyl-mw', says: "missile-warning sensor 'fyl-mw' needs exactly one of host (space-based infrared) and radar" }],
  ['conjunctions.sample that does not divide every', COUNTERSPACE('', '', '  conjunctions: { every: 10m, sample: 7m }\n'),
    { code: 'INVALID_VALUE', at: '7m', says: 'sample must divide every (10m) into whole samples' }],
];

describe('counterspace bad input: positioned errors', () => {
  it('the header with the counterspace section is a valid scenario that runs (every case below holds one fault)', async () => {
    const text = HEADER + COUNTERSPACE() + inject('kind: asat-launch, by: RUS, target: leo-sat, launcher: plesetsk-nudol');
    const r = loadScenarioText(text, join(SCENARIOS, 'inline-cs.yaml'), SCENARIOS);
    expect(r.ok ? [] : r.value.problems.map((p) => p.message)).toEqual([]);
    if (!r.ok) return;
    const sim = await createSim(r.value.model);
    while (sim.tick < 120) step(sim);
    expect(sim.events.since(0).some((e) => e.kind === 'asat-launch' || e.kind === 'asat-refused')).toBe(true);
    sim.propagator.dispose();
  });

  it.each(CASES)('%s', (_what, body, x) => {
    const text = HEADER + body;
    const { problems, sources } = problemsOf(text);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    const codes = Array.isArray(x.code) ? x.code : [x.code];
    expect(codes).toContain(errors[0].code);
    expect(`${errors[0].line}:${errors[0].col}`).toBe(positionOf(text, x.at).join(':'));
    expect(errors[0].message).toContain(x.says);
    expect(errors[0].file).toBe(join(SCENARIOS, 'inline-cs.yaml'));
    const [head] = formatProblem(errors[0], (f) => sources.get(f)).split('\n');
    expect(head).toBe(`${errors[0].file}:${errors[0].line}:${errors[0].col}  ${errors[0].code}  ${errors[0].message}`);
  });

  it('run-time refusals are events, not crashes: an ASAT launch with no track, a co-orbital attack beyond the budget left', async () => {
    const text = HEADER + COUNTERSPACE() + `msel:
  - { id: a1, at: 1m, kind: asat-launch, by: RUS, target: usa-imager, title: no track }
  - { id: c1, at: 2m, kind: co-orbital-attack, asat: cosmos-2576, target: usa-imager, title: first }
  - { id: c2, at: 3m, kind: co-orbital-attack, asat: cosmos-2576, target: leo-sat, title: second while the first runs }
`;
    const r = loadScenarioText(text, join(SCENARIOS, 'inline-cs.yaml'), SCENARIOS);
    expect(r.ok ? [] : r.value.problems.map((p) => p.message)).toEqual([]);
    if (!r.ok) return;
    const sim = await createSim(r.value.model);
    while (sim.tick < 30) step(sim);
    const ev = sim.events.since(0);
    expect(ev.find((e) => e.kind === 'asat-refused')?.payload).toMatchObject({ reason: 'no-track', target: 'usa-imager' });
    const approaches = ev.filter((e) => e.kind === 'co-orbital-approach').map((e) => e.payload as { target: string; refused: string | null });
    expect(approaches).toHaveLength(2);
    expect(approaches[1].refused).not.toBeNull();
    sim.propagator.dispose();
  });

  it('vigil validate exits 2 on an unreachable ASAT target and prints file:line:col', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cs-'));
    const file = join(dir, 'unreachable.yaml');
    const text = HEADER + COUNTERSPACE() + inject('kind: asat-launch, by: RUS, target: geo-sat');
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vigil.js'), 'validate', file], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, VIGIL_DEBUG: '' } });
    expect(r.status).toBe(2);
    const [line, col] = positionOf(text, 'geo-sat }');
    expect(r.stderr).toContain(`unreachable.yaml:${line}:${col}  UNREACHABLE`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
