/**
 * The scenario loader: YAML text -> every problem at once, or a ScenarioModel the engine can run.
 * Steps: read the file, parse YAML keeping positions (yaml's parseDocument + LineCounter), validate
 * with the zod schema, then resolve meaning (durations, references, catalogs, owners) in resolve.ts.
 *
 * Read next: resolve.ts, problems.ts (how problems print).
 */
import { createHash } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ScenarioModel } from '../engine/model.js';
import { readTextFile } from './files.js';
import { problemsFromIssues } from './issues.js';
import { ScenarioError, sortProblems, type Problem } from './problems.js';
import { resolveScenario } from './resolve.js';
import { LANGUAGE_VERSION, Scenario } from './schema.js';

export interface LoadResult {
  model: ScenarioModel;
  /** Warnings (the scenario loads, but the planner should look). */
  warnings: Problem[];
  /** Text of every file read, by the name problems use: for printing source lines. */
  sources: Map<string, string>;
}

export interface LoadFailure {
  problems: Problem[];
  sources: Map<string, string>;
}

/** Load and check a scenario file. Never throws for bad input: returns every problem found. */
export function loadScenarioFile(path: string, displayName = path): { ok: true; value: LoadResult } | { ok: false; value: LoadFailure } {
  const sources = new Map<string, string>();
  const read = readTextFile(path, 'scenario');
  if (!read.ok) return { ok: false, value: { problems: [{ file: displayName, line: 0, col: 0, length: 1, ...read.problem }], sources } };
  return loadScenarioText(read.text, displayName, resolvePath(path, '..'), sources);
}

/** Load scenario text; `baseDir` resolves the catalog files it names. */
export function loadScenarioText(text: string, file: string, baseDir: string, sources = new Map<string, string>()): { ok: true; value: LoadResult } | { ok: false; value: LoadFailure } {
  sources.set(file, text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    const code = e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX';
    const yamlMessage = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const keyText = text.slice(e.pos[0]).match(/^["']?([^"':\n]+)/)?.[1]?.trim();
    const message = code === 'DUPLICATE_KEY' && keyText ? `key '${keyText}' appears twice in this mapping: keep one` : yamlMessage;
    problems.push({ file, line: pos.line, col: pos.col, length: Math.max(1, e.pos[1] - e.pos[0]), code, message: code === 'YAML_SYNTAX' ? `${message} (${e.code})` : message, severity: 'error' });
  }
  if (problems.length > 0) return { ok: false, value: { problems: sortProblems(problems), sources } };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // Point at the content itself (not at a comment above it); a file of comments only has none.
    const pos = doc.contents?.range ? lc.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    const holds = doc.contents === null ? 'no content (only comments or blank lines)' : Array.isArray(data) ? 'a list' : 'a single value';
    problems.push({ file, line: pos.line, col: pos.col, length: 1, code: 'NOT_A_MAPPING', message: `a scenario is a YAML mapping (name:, epoch:, objects: ...), this file holds ${holds}`, severity: 'error' });
    return { ok: false, value: { problems, sources } };
  }
  const version = (data as Record<string, unknown>).vigil;
  // Only a number can be another version; `vigil: "1"` is a type fault the schema reports.
  if (typeof version === 'number' && version !== LANGUAGE_VERSION) {
    const span = doc.getIn(['vigil'], true) as { range?: [number, number] } | undefined;
    const pos = lc.linePos(span?.range?.[0] ?? 0);
    problems.push({ file, line: pos.line, col: pos.col, length: 1, code: 'UNSUPPORTED_VERSION', message: `this Vigil reads scenario language version ${LANGUAGE_VERSION}, the file says ${String(version)}`, severity: 'error' });
    return { ok: false, value: { problems, sources } };
  }
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    problems.push(...problemsFromIssues(parsed.error.issues, Scenario, data, doc, lc, text, file));
    return { ok: false, value: { problems: sortProblems(problems), sources } };
  }
  const hash = createHash('sha256').update(text);
  const resolved = resolveScenario(parsed.data, { doc, lc, text, file, baseDir, sources, hash });
  const errors = resolved.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !resolved.model) return { ok: false, value: { problems: sortProblems(resolved.problems), sources } };
  return { ok: true, value: { model: resolved.model, warnings: sortProblems(resolved.problems), sources } };
}

/** Load a scenario or throw a ScenarioError carrying every problem (for code that wants exceptions). */
export function loadScenario(path: string): LoadResult {
  const r = loadScenarioFile(path);
  if (!r.ok) throw new ScenarioError(r.value.problems);
  return r.value;
}
