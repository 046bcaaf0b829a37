/** Test helpers: load scenarios from text or files, and run a sim collecting its hash sequence. */
import { join } from 'node:path';
import { createSim, stateHash, step, type ScenarioModel, type SimOptions } from '../engine/index.js';
import { loadScenarioFile, loadScenarioText } from '../scenarios/load.js';
import { formatProblem, type Problem } from '../scenarios/problems.js';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..');
export const SCENARIOS = join(ROOT, 'scenarios');

/** Load a scenario file or fail the test with its problems printed. */
export function loadModel(path: string): ScenarioModel {
  const r = loadScenarioFile(path);
  if (!r.ok) throw new Error(r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n'));
  return r.value.model;
}

/** Load scenario text (catalog paths relative to scenarios/) or fail with its problems. */
export function modelFromText(text: string): ScenarioModel {
  const r = loadScenarioText(text, 'inline.yaml', SCENARIOS);
  if (!r.ok) throw new Error(r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n'));
  return r.value.model;
}

/** Run `ticks` steps and return the hash of tick 0..ticks. */
export async function hashSequence(model: ScenarioModel, ticks: number, options: SimOptions = {}): Promise<string[]> {
  const sim = await createSim(model, options);
  const hashes = [stateHash(sim)];
  while (sim.tick < ticks) {
    step(sim);
    hashes.push(stateHash(sim));
  }
  sim.propagator.dispose();
  return hashes;
}

/** A reproducible seed for randomised tests: VIGIL_TEST_SEED or a fixed default, printed by the test. */
export function testSeed(): number {
  return process.env.VIGIL_TEST_SEED ? Number(process.env.VIGIL_TEST_SEED) : 20260319;
}

/** The problems of scenario text that must not load (file name `name` under scenarios/, for positions). */
export function problemsOf(text: string, name = 'inline.yaml'): { problems: Problem[]; sources: Map<string, string> } {
  const r = loadScenarioText(text, join(SCENARIOS, name), SCENARIOS);
  if (r.ok) throw new Error('the scenario loaded without errors');
  return r.value;
}

/** Line and column (1-based) of the only occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): [number, number] {
  const first = text.indexOf(needle);
  expect(first, `'${needle}' occurs in the scenario`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, first + 1), `'${needle}' occurs once`).toBe(-1);
  const before = text.slice(0, first).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}
