/**
 * Coalition value: the Shapley arithmetic against games with published values (the glove game, a
 * symmetric game), the sampled estimate against the exact one, and `vigil coalition-value` end to end on
 * a small scenario (efficiency: the values add up to v(all) - v(none); bad input is exit 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactShapley, permutation, sampledShapley, shapleyWeight } from '../../cli/commands/coalition-value.js';
import { seededDraw } from '../../engine/rng.js';
import { ROOT, testSeed } from '../helpers.js';

const SEED = testSeed();
console.log(`coalition-value: seed ${SEED} (VIGIL_TEST_SEED=${SEED} to reproduce)`);

describe('Shapley values', () => {
  it('weights: |S|! (n-|S|-1)! / n! (n = 4: 1/4, 1/12, 1/12, 1/4) and they sum to 1 over the coalitions without k', () => {
    expect([0, 1, 2, 3].map((s) => shapleyWeight(s, 4))).toEqual([0.25, 1 / 12, 1 / 12, 0.25].map((x) => expect.closeTo(x, 15) as unknown as number));
    // Sum over S of C(n-1, |S|) w(|S|) = 1.
    for (const n of [1, 2, 5, 8]) {
      let sum = 0, c = 1;
      for (let s = 0; s < n; s++) {
        sum += c * shapleyWeight(s, n);
        c = (c * (n - 1 - s)) / (s + 1);
      }
      expect(sum).toBeCloseTo(1, 12);
    }
  });
  it('the glove game (one left glove, two right ones; a pair is worth 1): 2/3, 1/6, 1/6', () => {
    const v = (m: number) => ((m & 1) && (m & 6) ? 1 : 0);
    const phi = exactShapley(v, 3);
    expect(phi[0]).toBeCloseTo(2 / 3, 12);
    expect(phi[1]).toBeCloseTo(1 / 6, 12);
    expect(phi[2]).toBeCloseTo(1 / 6, 12);
  });
  it('additive and symmetric games: each player gets its own worth; sampled orders converge to the exact values', () => {
    const worth = [0.1, 0.4, 0.25, 0.05, 0.2];
    const additive = (m: number) => worth.reduce((s, w, k) => s + (m & (1 << k) ? w : 0), 0);
    exactShapley(additive, 5).forEach((x, k) => expect(x).toBeCloseTo(worth[k], 12));
    // A superadditive game: v(S) = |S|^2 over 6 players, every value 36 / 6 = 6.
    const sq = (m: number) => { let c = 0; for (let x = m; x; x &= x - 1) c++; return c * c; };
    exactShapley(sq, 6).forEach((x) => expect(x).toBeCloseTo(6, 10));
    // A game with interactions: sampled orders get within a few % of the exact values.
    const game = (m: number) => additive(m) + ((m & 3) === 3 ? 0.3 : 0) - ((m & 12) === 12 ? 0.1 : 0);
    const exact = exactShapley(game, 5);
    const u = seededDraw(SEED, 'orders');
    const orders = Array.from({ length: 4000 }, () => permutation(5, u));
    sampledShapley(game, orders, 5).forEach((x, k) => expect(x).toBeCloseTo(exact[k], 1));
    // Every order is a permutation.
    for (const o of orders.slice(0, 50)) expect([...o].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('vigil coalition-value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cv-'));
  const path = join(dir, 'demo.yaml');
  // demo-small without its 3h suspension of the GBR feed, with custody metrics.
  writeFileSync(path, readFileSync(join(ROOT, 'scenarios/demo-small.yaml'), 'utf8').replace(/ {2}- id: suspend-sharing[\s\S]*?classification: SECRET\n/, '') +
    '  - { id: custody-nor, kind: custody, for: NOR }\n');
  const vigil = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/vigil.js'), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, VIGIL_CACHE_DIR: dir } });

  it('exact values for GBR and NOR add up to v(all) - v(none); leave-one-out of GBR is what NOR loses without its feed', () => {
    const out = join(dir, 'out');
    const r = vigil('coalition-value', path, '--metric', 'custody-nor', '--runs', '4', '--out', out, '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    const x = JSON.parse(readFileSync(join(out, 'coalition-value.json'), 'utf8')) as { marking: string; players: string[]; all: { mean: number }; none: { mean: number }; nations: { nation: string; shapley: { mean: number }; leaveOneOut: { mean: number } }[]; efficiencyGap: number; method: string };
    expect(x.marking).toBe('UNCLASSIFIED // EXERCISE');
    expect(x.players).toEqual(['GBR', 'NOR']);
    expect(x.method).toContain('exact');
    expect(Math.abs(x.efficiencyGap)).toBeLessThan(1e-12);
    const sum = x.nations.reduce((s, n) => s + n.shapley.mean, 0);
    expect(sum).toBeCloseTo(x.all.mean - x.none.mean, 12);
    // NOR's custody with nobody contributing is zero (no sensor of its own, no feed).
    expect(x.none.mean).toBe(0);
    const nor = x.nations.find((n) => n.nation === 'NOR')!;
    expect(nor.shapley.mean).toBeGreaterThan(0);
    expect(r.stdout).toContain('Shapley value');
  }, 120_000);

  it('an unknown metric, and too few runs, are exit 2 with what to do', () => {
    const bad = vigil('coalition-value', path, '--metric', 'custody-norr', '--runs', '4');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--metric 'custody-norr' is not a metric of the scenario");
    expect(bad.stderr).toContain("did you mean 'custody-nor'?");
    const one = vigil('coalition-value', path, '--metric', 'custody-nor', '--runs', '1');
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('--runs must be at least 2');
  }, 60_000);
});
