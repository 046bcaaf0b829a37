/**
 * `vigil batch` and `vigil merge` through the CLI: run i depends on (seed, i) only, so one worker, two
 * workers, and four shards merged write byte-identical outputs; bad input is exit 2 with a clear message;
 * an interrupted batch resumes without rerunning what it finished. The scenario: demo-small.yaml with
 * three metrics and two uncertain parameters (a detection probability and an agreement latency).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin/vigil.js');
const CACHE = mkdtempSync(join(tmpdir(), 'vigil-batch-cache-'));
const tmp = () => mkdtempSync(join(tmpdir(), 'vigil-batch-'));

function vigil(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 120_000, env: { ...process.env, VIGIL_DEBUG: '', VIGIL_CACHE_DIR: CACHE } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MONTECARLO = `  - { id: custody-nor, kind: custody, for: NOR }
  - { id: custody-gbr, kind: custody, for: GBR }

montecarlo:
  runs: 8
  parameters:
    - { path: sensors.fylingdales-radar.detectionProbability, draw: { dist: uniform, min: 0.3, max: 0.95 } }
    - { path: agreements.gbr-nor-ssa.latency, draw: { dist: triangular, min: 60, mode: 300, max: 3600 } }
`;

/** demo-small.yaml plus the Monte Carlo section (its catalog-free objects keep it fast), in a temp folder. */
function scenario(extra = MONTECARLO, name = 'mc.yaml'): string {
  const dir = tmp();
  const path = join(dir, name);
  writeFileSync(path, readFileSync(join(ROOT, 'scenarios/demo-small.yaml'), 'utf8') + extra);
  return path;
}

const OUTPUTS = ['summary.json', 'runs.csv', 'runs.jsonl', 'report.html'];
const read = (dir: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('vigil batch', () => {
  const mc = scenario();

  it('1 worker, 2 workers, and 4 shards merged give byte-identical outputs; draws vary by run and follow their distributions', () => {
    const one = tmp(), two = tmp(), shards = tmp(), merged = tmp();
    expect(vigil('batch', mc, '--workers', '1', '--out', one).code).toBe(0);
    expect(vigil('batch', mc, '--workers', '2', '--out', two).code).toBe(0);
    for (let i = 1; i <= 4; i++) expect(vigil('batch', mc, '--shard', `${i}/4`, '--out', shards).code).toBe(0);
    const m = vigil('merge', shards, '--out', merged);
    expect(m.code, m.stderr).toBe(0);
    const a = read(one);
    expect(read(two)).toEqual(a);
    expect(read(merged)).toEqual(a);
    const summary = JSON.parse(a['summary.json']) as { runsCompleted: number; metrics: Record<string, { n: number; mean: number }>; parameters: Record<string, { min: number; max: number }> };
    expect(summary.runsCompleted).toBe(8);
    expect(Object.keys(summary.metrics)).toEqual(['detected-by-north', 'custody-nor', 'custody-gbr']);
    const pd = summary.parameters['sensors.fylingdales-radar.detectionProbability'];
    expect(pd.min).toBeGreaterThanOrEqual(0.3);
    expect(pd.max).toBeLessThanOrEqual(0.95);
    expect(pd.max - pd.min).toBeGreaterThan(0.05);
    const rows = a['runs.jsonl'].trim().split('\n').slice(1).map((l) => JSON.parse(l) as { run: number; params: Record<string, unknown>; stateHash: string });
    expect(rows.map((r) => r.run)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Every run is its own: different draws, different states.
    expect(new Set(rows.map((r) => r.stateHash)).size).toBe(8);
    for (const r of rows) expect(r.params['agreements.gbr-nor-ssa.latency']).toMatch(/^\d+ms$/);
    expect(a['runs.csv'].split('\n')[0]).toBe('# UNCLASSIFIED // EXERCISE');
    expect(a['report.html']).toContain('UNCLASSIFIED // EXERCISE');
  }, 120_000);

  it('a run repeats exactly: run 5 of a batch equals run 5 of another batch of another size', () => {
    const a = tmp(), b = tmp();
    expect(vigil('batch', mc, '--runs', '6', '--workers', '1', '--out', a).code).toBe(0);
    expect(vigil('batch', mc, '--runs', '8', '--workers', '2', '--out', b).code).toBe(0);
    const row = (dir: string, run: number) => readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n').find((l) => l.startsWith(`{"run":${run},`));
    expect(row(a, 5)).toBeDefined();
    expect(row(a, 5)).toBe(row(b, 5));
  }, 120_000);

  it('resume runs only what an interrupted batch had not finished, and ends with the same outputs', () => {
    const full = tmp(), part = tmp();
    expect(vigil('batch', mc, '--workers', '1', '--out', full).code).toBe(0);
    // An interruption after 3 runs: the partial file's manifest line, 3 finished rows and one cut short,
    // plus a row of another seed (say from another batch in the folder) that must not be taken.
    const m = JSON.parse(readFileSync(join(full, 'batch.json'), 'utf8')) as Record<string, unknown>;
    const head = JSON.stringify({ type: 'vigil-partial', contentHash: m.contentHash, seed: m.seed, runsRequested: m.runsRequested, untilMs: m.untilMs, withoutAgreements: m.withoutAgreements, vigil: m.vigil });
    const rows = readFileSync(join(full, 'runs.jsonl'), 'utf8').trim().split('\n').slice(1);
    const alien = JSON.stringify({ ...(JSON.parse(rows[5]) as object), seed: 999, metrics: {} });
    writeFileSync(join(part, 'runs.partial.jsonl'), `${head}\n${rows.slice(0, 3).join('\n')}\n${alien}\n${rows[3].slice(0, 20)}`);
    const r = vigil('batch', mc, '--workers', '1', '--out', part, '--resume');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 run this time');
    expect(read(part)).toEqual(read(full));
    expect(existsSync(join(part, 'runs.partial.jsonl'))).toBe(false);
  }, 120_000);

  it('bad input is exit 2 with what is wrong: --runs 0, --shard 5/4, min above max, --resume of another batch, merge of shards of different scenarios', () => {
    const out = tmp();
    const runs0 = vigil('batch', mc, '--runs', '0', '--out', out);
    expect(runs0.code).toBe(2);
    expect(runs0.stderr).toContain('--runs must be at least 1');
    const shard = vigil('batch', mc, '--shard', '5/4', '--out', out);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard 5/4: i must be from 1 to N (4)');
    const bad = scenario(MONTECARLO.replace('min: 0.3, max: 0.95', 'min: 0.95, max: 0.3'));
    const dist = vigil('batch', bad, '--out', out);
    expect(dist.code).toBe(2);
    expect(dist.stderr).toMatch(/mc\.yaml:\d+:\d+ +OUT_OF_RANGE +uniform needs min <= max \(min 0\.95, max 0\.3\)/);
    const resumeOther = vigil('batch', scenario(MONTECARLO.replace('runs: 8', 'runs: 9')), '--out', out, '--resume');
    expect(resumeOther.code).toBe(2);
    expect(resumeOther.stderr).toContain('nothing to resume');
    // A partial file of another batch (another seed) in the folder is refused, not mixed in.
    const interrupted = tmp();
    expect(vigil('batch', mc, '--runs', '4', '--seed', '1', '--out', interrupted).code).toBe(0);
    writeFileSync(join(interrupted, 'runs.partial.jsonl'), `${JSON.stringify({ type: 'vigil-partial', seed: 1 })}\n`);
    const mixed = vigil('batch', mc, '--runs', '4', '--seed', '2', '--out', interrupted, '--resume');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/belongs to another batch \(its .*seed/);
    // Two shards of different scenarios (a latency distribution changed): the second file is named.
    const s1 = tmp();
    expect(vigil('batch', mc, '--shard', '1/2', '--out', s1).code).toBe(0);
    const other = scenario(MONTECARLO.replace('max: 3600', 'max: 1800'), 'other.yaml');
    const s2 = tmp();
    expect(vigil('batch', other, '--shard', '2/2', '--out', s2).code).toBe(0);
    const merge = vigil('merge', join(s1, 'shard-1-of-2.jsonl'), join(s2, 'shard-2-of-2.jsonl'), '--out', tmp());
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain(`${join(s2, 'shard-2-of-2.jsonl')}: its contentHash`);
    // A gap: shard 2 of 2 alone.
    const gap = vigil('merge', join(s2, 'shard-2-of-2.jsonl'), '--out', tmp());
    expect(gap.code).toBe(2);
    expect(gap.stderr).toContain('runs 0 to 3 are in no shard');
  }, 180_000);
});

describe('vigil compare', () => {
  /** coalition-ssa.yaml in a temp folder (catalog paths made absolute), optionally without an agreement. */
  function coalition(withoutAgreement?: string): string {
    const doc = parseDocument(readFileSync(join(ROOT, 'scenarios/coalition-ssa.yaml'), 'utf8').replaceAll('file: data/', `file: ${join(ROOT, 'scenarios/data')}/`));
    if (withoutAgreement) {
      const list = doc.get('agreements') as YAMLSeq;
      const k = list.items.findIndex((x) => (x as YAMLMap).get('id') === withoutAgreement);
      list.delete(k);
    }
    const path = join(tmp(), withoutAgreement ? `without-${withoutAgreement}.yaml` : 'coalition.yaml');
    writeFileSync(path, String(doc));
    return path;
  }

  it('two copies of one scenario differ by exactly zero; without the US feed to Japan, Japan\'s custody is lower, significantly, and nobody else\'s moves', () => {
    const a = coalition();
    const same = vigil('compare', a, coalition(), '--runs', '3', '--until', '10m', '--out', tmp(), '--json');
    expect(same.code, same.stderr).toBe(0);
    const s = JSON.parse(same.stdout.trim().split('\n').pop()!) as { metrics: { metric: string; diff: number; sd: number; significant: boolean }[] };
    expect(s.metrics.length).toBeGreaterThan(5);
    for (const m of s.metrics) expect([m.metric, m.diff, m.sd, m.significant]).toEqual([m.metric, 0, 0, false]);
    const out = tmp();
    const r = vigil('compare', a, coalition('usa-jpn'), '--runs', '3', '--until', '30m', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as { marking: string; metrics: { metric: string; diff: number; significant: boolean }[] };
    expect(d.marking).toBe('UNCLASSIFIED // EXERCISE');
    const jpn = d.metrics.find((m) => m.metric === 'custody-JPN')!;
    // The coalition SSA issue's ordering: fewer agreements, never more custody; here strictly less.
    expect(jpn.diff).toBeLessThan(0);
    expect(jpn.significant).toBe(true);
    expect(r.stdout).toMatch(/custody-JPN: B is [\d.e-]+ lower than A/);
    for (const m of d.metrics.filter((x) => x.metric !== 'custody-JPN')) expect(m.diff, m.metric).toBeLessThanOrEqual(0);
    expect(readFileSync(join(out, 'compare.csv'), 'utf8').split('\n')[0]).toBe('# UNCLASSIFIED // EXERCISE');
  }, 240_000);
});

describe('shared ephemeris', () => {
  it('runs reading the batch\'s shared ephemeris give the same bytes as runs propagating for themselves, with fragments, a re-orbited ASAT and screening samples between ticks', () => {
    const path = join(tmp(), 'cs.yaml');
    writeFileSync(path, `vigil: 1
name: shared ephemeris
epoch: 2026-03-19T12:00:00Z
duration: 3h
step: 10s
nations: [{ id: USA }, { id: RUS, side: red }]
objects:
  - { id: leo-sat, owner: RUS, elements: { meanMotionRevPerDay: 15.2, eccentricity: 0.001, inclinationDeg: 82 } }
  - { id: usa-imager, owner: USA, elements: { meanMotionRevPerDay: 15.0, eccentricity: 0.001, inclinationDeg: 97, raanDeg: 40 } }
  - { id: cosmos-asat, owner: RUS, elements: { meanMotionRevPerDay: 15.1, eccentricity: 0.001, inclinationDeg: 97, raanDeg: 40.5 } }
sites:
  - { id: fylingdales, owner: USA, latDeg: 54.3617, lonDeg: -0.67 }
sensors:
  - { id: fyl-radar, kind: radar, site: fylingdales, rangeKmMax: 4800, detectionProbability: 0.7 }
counterspace:
  coOrbital:
    - { id: asat, object: cosmos-asat, deltaVMps: 3000, phasingRevsMin: 0.5 }
  debris: { fragmentCutoffM: 0.3 }
  conjunctions: { every: 4m, sample: 15s, screeningKm: 50, warnPc: 1.0e-12 }
msel:
  - { id: rpo, at: 0s, kind: co-orbital-attack, asat: asat, target: usa-imager, effect: shadow, title: approach }
  - { id: boom, at: 2h22m, kind: breakup, object: leo-sat, breakup: { massKg: 500 }, title: explosion }
metrics:
  - { id: custody-usa, kind: custody, for: USA }
  - { id: debris, kind: debris-count }
`);
    const shared = tmp(), own = tmp();
    const a = vigil('batch', path, '--runs', '3', '--workers', '2', '--out', shared);
    expect(a.code, a.stderr).toBe(0);
    const b = vigil('batch', path, '--runs', '3', '--workers', '2', '--out', own, '--no-share-ephemeris');
    expect(b.code, b.stderr).toBe(0);
    expect(read(shared)).toEqual(read(own));
    // Not vacuous: the breakup added fragments in every run, and the ASAT took its new orbit at 2h24m, a
    // screening tick (every 4 minutes), two minutes after the fragments were appended.
    const s = JSON.parse(readFileSync(join(shared, 'summary.json'), 'utf8')) as { metrics: { debris: { min: number } } };
    expect(s.metrics.debris.min).toBeGreaterThan(10);
    const run = vigil('run', path, '--out', tmp(), '--json');
    const summary = JSON.parse(run.stdout) as { counterspace: { approaches: { arrived: boolean }[] } };
    expect(summary.counterspace.approaches.map((x) => x.arrived)).toEqual([true]);
  }, 120_000);
});
