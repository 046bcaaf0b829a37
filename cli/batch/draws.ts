/**
 * A run's draws of the scenario's uncertain parameters (`montecarlo:`), and the scenario text with them
 * written in. Each parameter draws from its own stream (seed, run index, `montecarlo:<path>`), so run i's
 * values depend on (seed, i) alone, and adding a parameter never changes another's draws.
 *
 * Distributions: uniform min + (max - min) u; normal mean + sd z with z by Box-Muller from two draws;
 * triangular by its inverse CDF; choice one of the values, each alike; bernoulli true with chance p (1 or
 * 0 on a numeric field). A drawn number goes into a duration or time field as that many seconds from the
 * epoch or as a duration; on a field the language takes as a whole number it is rounded (the schema
 * decides, whether or not the file writes the field).
 * The text is then loaded like any scenario, so a drawn value the language refuses (a probability above
 * 1 from a wide normal) is that run's clear error, with the parameter named.
 */
import { parseDocument } from 'yaml';
import type { DistributionModel, MonteCarloModel, MonteCarloParameterModel } from '../../engine/model.js';
import { createStream } from '../../engine/rng.js';

export type DrawnValue = number | string | boolean;

/** One value from `d` with uniform draws `u` in [0, 1). */
export function drawFrom(d: DistributionModel, u: () => number): number | string | boolean {
  switch (d.dist) {
    case 'uniform':
      return d.min + (d.max - d.min) * u();
    case 'normal': {
      // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
      const r = Math.sqrt(-2 * Math.log(1 - u()));
      return d.mean + d.sd * r * Math.cos(2 * Math.PI * u());
    }
    case 'triangular': {
      const x = u();
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return x < f ? a + Math.sqrt(x * (b - a) * (c - a)) : b - Math.sqrt((1 - x) * (b - a) * (b - c));
    }
    case 'choice':
      return d.values[Math.min(d.values.length - 1, Math.floor(u() * d.values.length))];
    case 'bernoulli':
      return u() < d.p;
  }
}

/** The value of parameter `p` for run `run`, as the field takes it. */
export function drawParameter(p: MonteCarloParameterModel, seed: number, run: number): DrawnValue {
  const stream = createStream(seed, run, `montecarlo:${p.path}`);
  let v = drawFrom(p.draw, () => stream.next());
  if (typeof v === 'boolean' && (p.valueType === 'integer' || p.valueType === 'number')) v = v ? 1 : 0;
  if (typeof v === 'number') {
    if (p.duration) return `${Math.round(v * 1000)}ms`;
    if (p.valueType === 'integer') return Math.round(v);
  }
  return v;
}

/** Run `run`'s values of every parameter, by path, in scenario order. */
export function drawRun(mc: MonteCarloModel, seed: number, run: number): Record<string, DrawnValue> {
  const out: Record<string, DrawnValue> = {};
  for (const p of mc.parameters) out[p.path] = drawParameter(p, seed, run);
  return out;
}

/** The scenario text with `values` written at their parameters' places (the rest of the file as it was). */
export function applyDraws(text: string, mc: MonteCarloModel, values: Readonly<Record<string, DrawnValue>>): string {
  if (mc.parameters.length === 0) return text;
  const doc = parseDocument(text);
  for (const p of mc.parameters) doc.setIn(p.yamlPath as (string | number)[], values[p.path]);
  return doc.toString({ lineWidth: 0 });
}
