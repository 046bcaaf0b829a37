/**
 * zod issues -> problems a planner can act on: our codes, positions in the YAML, plain words, and a
 * "did you mean" hint for unknown keys and bad enum values.
 */
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { didYouMean, type Problem, type ProblemCode } from './problems.js';
import { keySpanAt, pathText, spanAt, type Path } from './positions.js';
import { DURATION_PATTERN } from './durations.js';

type Issue = z.core.$ZodIssue;

/** The schema nodes (wrappers unwrapped, unions expanded) that describe the value at `path`. */
export function nodesAt(schema: z.ZodType, path: Path): z.ZodType[] {
  let nodes: z.ZodType[] = unwrap(schema);
  for (const step of path) {
    const next: z.ZodType[] = [];
    for (const n of nodes) {
      const def = n._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object' && typeof step === 'string') {
        const child = (def.shape as Record<string, z.ZodType>)[step];
        if (child) next.push(child);
      } else if (def.type === 'array' && typeof step === 'number') next.push(def.element as z.ZodType);
      else if (def.type === 'tuple' && typeof step === 'number') next.push((def.items as z.ZodType[])[step]);
      else if (def.type === 'record') next.push(def.valueType as z.ZodType);
    }
    nodes = next.filter(Boolean).flatMap(unwrap);
  }
  return nodes;
}

/** Keys a strict object at `path` accepts, found by walking the schema along the path. */
export function knownKeysAt(schema: z.ZodType, path: Path, _value?: unknown): string[] {
  const keys = new Set<string>();
  for (const n of nodesAt(schema, path)) {
    const def = n._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}

/** Unwrap optional/default/pipe wrappers and expand unions to their options. */
function unwrap(n: z.ZodType): z.ZodType[] {
  const def = n._zod.def as unknown as Record<string, unknown>;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'readonly':
      return unwrap(def.innerType as z.ZodType);
    case 'pipe':
      return unwrap(def.in as z.ZodType);
    case 'union':
      return (def.options as z.ZodType[]).flatMap(unwrap);
    default:
      return [n];
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
  return String(v);
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

export function problemsFromIssues(issues: readonly Issue[], schema: z.ZodType, data: unknown, doc: Document, lc: LineCounter, text: string, file: string): Problem[] {
  const out: Problem[] = [];
  const add = (code: ProblemCode, path: Path, message: string, key?: string) => {
    const span = key === undefined ? spanAt(doc, lc, text, path) : keySpanAt(doc, lc, text, path, key);
    out.push({ file, ...span, code, message, severity: 'error' });
  };
  for (const issue of issues) {
    const path = issue.path as Path;
    const where = pathText(path);
    const value = valueAt(data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = knownKeysAt(schema, path, data);
          add('UNKNOWN_KEY', path, `unknown key '${key}' in ${where}${didYouMean(key, known)}`, key);
        }
        break;
      case 'invalid_type':
        if (value === undefined) add('REQUIRED', path.slice(0, -1), `${where} is required (${issue.expected})`);
        else if (typeof value === 'number' && nodesAt(schema, path).some(isDuration)) add('TYPE', path, `${where} needs a unit: write it as text such as '${value}s' or '${value}m', found the number ${value}`);
        else add('TYPE', path, `${where} must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : issue.expected === 'tuple' ? 'a list [from, to]' : `a ${issue.expected}`}, found ${typeName(value)}`);
        break;
      case 'invalid_value': {
        // Quote text values only: `vigil must be 1, found the text '1'`.
        const allowed = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
        const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
        add('INVALID_VALUE', path, `${where} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, found ${typeName(value)}${hint}`);
        break;
      }
      case 'invalid_union': {
        const u = issue as Issue & { discriminator?: string; options?: unknown[] };
        if (u.discriminator) {
          const options = (u.options ?? []).map(String);
          const hint = typeof value === 'string' ? didYouMean(value, options) : '';
          if (value === undefined) add('REQUIRED', path.slice(0, -1), `${where} is required: one of ${options.map((o) => `'${o}'`).join(', ')}`);
          else add('INVALID_VALUE', path, `${where} must be one of ${options.map((o) => `'${o}'`).join(', ')}, found ${typeName(value)}${hint}`);
        } else {
          // A union of formats (an offset or an epoch): name both.
          add('FORMAT', path, `${where} must be an offset like '30m' or a UTC time like '2026-03-19T06:00:00Z', found ${typeName(value)}`);
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const inclusive = issue.inclusive !== false;
        const rel = issue.code === 'too_small' ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
        const what = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
        if (what && issue.code === 'too_small' && Number(bound) === 1 && inclusive) {
          add('OUT_OF_RANGE', path, `${where} must not be empty`);
          break;
        }
        const unit = what && Number(bound) === 1 ? what.replace(/(ies|s)$/, (m) => (m === 'ies' ? 'y' : '')) : what;
        add('OUT_OF_RANGE', path, `${where} must ${what ? 'have' : 'be'} ${rel} ${String(bound)}${unit ? ` ${unit}` : ''}, found ${Array.isArray(value) ? `${value.length} entries` : typeName(value)}`);
        break;
      }
      case 'invalid_key': {
        // A record key of the wrong form (owners.overrides: { abc: USA }): point at the key itself.
        const key = String(path[path.length - 1]);
        const inner = (issue as Issue & { issues?: { message: string }[] }).issues?.[0]?.message ?? 'of another form';
        out.push({ file, ...keySpanAt(doc, lc, text, path.slice(0, -1), key), code: 'FORMAT', message: `key '${key}' in ${pathText(path.slice(0, -1))} must be ${inner}`, severity: 'error' });
        break;
      }
      case 'invalid_format':
        add(issue.message.includes('duration') ? 'BAD_DURATION' : issue.message.includes('UTC time') ? 'BAD_EPOCH' : 'FORMAT', path, `${where} must be ${issue.message}, found ${typeName(value)}`);
        break;
      default:
        add('INVALID_VALUE', path, `${where}: ${issue.message}`);
    }
  }
  return out;
}

/** A string schema checked against the duration pattern (whatever description it was given). */
function isDuration(n: z.ZodType): boolean {
  const checks = ((n._zod.def as unknown as { checks?: { _zod: { def: { pattern?: RegExp } } }[] }).checks ?? []);
  return checks.some((c) => c._zod.def.pattern?.source === DURATION_PATTERN.source);
}
