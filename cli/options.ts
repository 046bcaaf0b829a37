/** Option values the commands share, checked the same way everywhere (bad values are exit 2). */
import type { ScenarioModel } from '../engine/index.js';
import { formatDuration, parseDurationMs } from '../scenarios/durations.js';
import { InputError } from './errors.js';

/** A whole number option from 0 to `max`, or undefined when not given. */
export function wholeNumber(value: number | string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max) throw new InputError(`${name} must be a whole number from 0 to ${max}, got '${text}'`);
  return n;
}

/** --until as an offset from the epoch within the scenarios, ms; null when not given. */
export function untilOption(text: string | undefined, ...models: ScenarioModel[]): number | null {
  if (text === undefined) return null;
  const ms = parseDurationMs(text);
  if (ms === null) throw new InputError(`--until '${text}' is not a duration (e.g. 90s, 30m, 6h)`);
  for (const m of models) if (ms > m.durationMs) throw new InputError(`--until ${text} is past the end of '${m.name}' (${formatDuration(m.durationMs)})`);
  return ms;
}

/** --seed (0 .. 2^32 - 1), or the scenario's. */
export function seedOption(text: number | string | undefined, model: ScenarioModel): number {
  return wholeNumber(text, '--seed', 2 ** 32 - 1) ?? model.seed;
}
