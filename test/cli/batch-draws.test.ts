/**
 * Monte Carlo draws (cli/batch/draws.ts): each distribution against its textbook moments over many draws,
 * the draws of run i fixed by (seed, i) and the parameter's own stream, and the scenario text rewritten
 * only where a parameter stands.
 */
import { describe, expect, it } from 'vitest';
import { seededDraw } from '../../engine/rng.js';
import type { MonteCarloModel } from '../../engine/model.js';
import { applyDraws, drawFrom, drawRun } from '../../cli/batch/draws.js';
import { testSeed } from '../helpers.js';

const SEED = testSeed();
console.log(`batch-draws: seed ${SEED} (VIGIL_TEST_SEED=${SEED} to reproduce)`);

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) };
}
const N = 40_000;
const many = (d: Parameters<typeof drawFrom>[0]) => {
  const u = seededDraw(SEED, JSON.stringify(d));
  return Array.from({ length: N }, () => Number(drawFrom(d, u)));
};

describe('distributions', () => {
  it('uniform: within [min, max], mean (a+b)/2, sd (b-a)/sqrt(12)', () => {
    const xs = many({ dist: 'uniform', min: 2, max: 5 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...xs)).toBeLessThan(5);
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(3.5, 1);
    expect(m.sd).toBeCloseTo(3 / Math.sqrt(12), 1);
  });
  it('normal: mean and sd, and 95.4% within two sd', () => {
    const xs = many({ dist: 'normal', mean: 10, sd: 2 });
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(10, 1);
    expect(m.sd).toBeCloseTo(2, 1);
    expect(xs.filter((x) => Math.abs(x - 10) < 4).length / N).toBeCloseTo(0.9545, 2);
  });
  it('triangular: mean (a+b+c)/3, variance (a²+b²+c²-ab-ac-bc)/18, mode most frequent', () => {
    const [a, c, b] = [0, 1, 4];
    const xs = many({ dist: 'triangular', min: a, mode: c, max: b });
    const m = moments(xs);
    expect(m.mean).toBeCloseTo((a + b + c) / 3, 1);
    expect(m.sd).toBeCloseTo(Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), 1);
    expect(xs.every((x) => x >= a && x <= b)).toBe(true);
  });
  it('choice: each value about equally often; bernoulli: true with chance p', () => {
    const u = seededDraw(SEED, 'choice');
    const counts = new Map<unknown, number>();
    for (let i = 0; i < N; i++) {
      const v = drawFrom({ dist: 'choice', values: ['a', 'b', 7] }, u);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([7, 'a', 'b'].sort());
    for (const n of counts.values()) expect(n / N).toBeCloseTo(1 / 3, 1);
    const ub = seededDraw(SEED, 'bernoulli');
    let t = 0;
    for (let i = 0; i < N; i++) if (drawFrom({ dist: 'bernoulli', p: 0.2 }, ub) === true) t++;
    expect(t / N).toBeCloseTo(0.2, 1);
  });
});

const TEXT = `name: x
sensors:
  - { id: r1, detectionProbability: 0.9, capacity: 10 }
agreements:
  - id: a1
    latency: 5m
`;
type ValueType = MonteCarloModel['parameters'][number]['valueType'];
const P = (path: string, yamlPath: (string | number)[], draw: MonteCarloModel['parameters'][number]['draw'], valueType: ValueType, duration = false) => ({ path, yamlPath, duration, valueType, draw });

describe('a run\'s draws', () => {
  const mc: MonteCarloModel = {
    runs: 10,
    parameters: [
      P('sensors.r1.detectionProbability', ['sensors', 0, 'detectionProbability'], { dist: 'uniform', min: 0.5, max: 0.9 }, 'number'),
      P('sensors.r1.capacity', ['sensors', 0, 'capacity'], { dist: 'uniform', min: 5.5, max: 20.5 }, 'integer'),
      P('agreements.a1.latency', ['agreements', 0, 'latency'], { dist: 'normal', mean: 300, sd: 30 }, 'text', true),
    ],
  };
  it('depend on (seed, run) only; a parameter added does not move the others\' draws', () => {
    const a = drawRun(mc, SEED, 3);
    expect(drawRun(mc, SEED, 3)).toEqual(a);
    expect(drawRun(mc, SEED, 4)).not.toEqual(a);
    expect(drawRun(mc, SEED + 1, 3)).not.toEqual(a);
    const fewer = drawRun({ ...mc, parameters: mc.parameters.slice(1) }, SEED, 3);
    expect(fewer['sensors.r1.capacity']).toBe(a['sensors.r1.capacity']);
    expect(fewer['agreements.a1.latency']).toBe(a['agreements.a1.latency']);
  });
  it('a field the language takes as a whole number gets a whole number (whatever the bounds); a duration field gets ms', () => {
    const a = drawRun(mc, SEED, 0);
    expect(Number.isInteger(a['sensors.r1.capacity'])).toBe(true);
    expect(a['agreements.a1.latency']).toMatch(/^\d+ms$/);
    expect(typeof a['sensors.r1.detectionProbability']).toBe('number');
  });
  it('are written at their places, the rest of the text unchanged', () => {
    const values = { 'sensors.r1.detectionProbability': 0.75, 'sensors.r1.capacity': 12, 'agreements.a1.latency': '290000ms' };
    const out = applyDraws(TEXT, mc, values);
    expect(out).toContain('detectionProbability: 0.75');
    expect(out).toContain('capacity: 12');
    expect(out).toContain('latency: 290000ms');
    expect(out.startsWith('name: x\n')).toBe(true);
  });
});

describe('value types from the schema', () => {
  it('a whole-number field left at its default is rounded, a real one is not, a boolean gets true/false', async () => {
    const { loadScenarioText } = await import('../../scenarios/load.js');
    const { SCENARIOS } = await import('../helpers.js');
    const text = `vigil: 1
name: t
epoch: 2026-03-19T00:00:00Z
duration: 1h
nations: [{ id: USA }]
montecarlo:
  parameters:
    - { path: tracking.correlationReports, draw: { dist: uniform, min: 1, max: 5 } }
    - { path: tracking.custodyKmMax, draw: { dist: uniform, min: 5, max: 20 } }
    - { path: limits.entitiesMax, draw: { dist: bernoulli, p: 0.5 } }
`;
    const r = loadScenarioText(text, 'inline.yaml', SCENARIOS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const mc = r.value.model.montecarlo!;
    expect(mc.parameters.map((p) => p.valueType)).toEqual(['integer', 'number', 'integer']);
    for (let run = 0; run < 20; run++) {
      const v = drawRun(mc, SEED, run);
      expect(Number.isInteger(v['tracking.correlationReports'])).toBe(true);
      expect([0, 1]).toContain(v['limits.entitiesMax']);
    }
    expect(Array.from({ length: 20 }, (_, run) => drawRun(mc, SEED, run)['tracking.custodyKmMax']).some((x) => !Number.isInteger(x))).toBe(true);
  });
});
