/**
 * Ad-hoc injects from the white cell, checked by the same schema and the same reference checks as the
 * scenario's MSEL: the inject (the YAML form, as JSON) replaces the scenario's `msel:` and the scenario
 * is loaded again. What comes back is the InjectModel the loader would have made from the YAML, or the
 * problems, each naming the field (the line and column are of that one-inject scenario, not useful here).
 *
 * Cost: a full load, catalogs included (about 0.2-0.5 s on the 14,700-object catalog); the white cell gives
 * a few such injects in a game, and the game's clock does not advance meanwhile.
 */
import { basename, dirname } from 'node:path';
import { parseDocument } from 'yaml';
import type { InjectModel } from '../../engine/index.js';
import { loadScenarioText } from '../../scenarios/load.js';

export type AdhocResult = { ok: true; inject: InjectModel } | { ok: false; problems: string[] };

/**
 * Check `raw` as an MSEL entry of the scenario at `path` (text `text`). `nextOffsetMs` is the sim time
 * of the next tick: an inject without `at` takes effect then; one with `at` must not be earlier.
 */
export function checkAdhocInject(path: string, text: string, raw: Record<string, unknown>, nextOffsetMs: number): AdhocResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: ['an inject is an object: { id, kind, title, ... } as in the scenario\'s msel:'] };
  const entry = { ...raw, at: raw.at ?? `${nextOffsetMs}ms` };
  const doc = parseDocument(text);
  doc.set('msel', doc.createNode([entry]));
  const name = `${basename(path)} (ad-hoc inject)`;
  const r = loadScenarioText(doc.toString(), name, dirname(path));
  if (!r.ok) {
    return { ok: false, problems: r.value.problems.filter((p) => p.severity === 'error').map((p) => p.message) };
  }
  const inject = r.value.model.injects[0];
  if (!inject) return { ok: false, problems: ['the inject falls outside the scenario'] };
  if (inject.tick * r.value.model.stepMs < nextOffsetMs) return { ok: false, problems: [`at: ${String(raw.at)} is in the past: an inject takes effect at the next tick at the earliest`] };
  return { ok: true, inject };
}
