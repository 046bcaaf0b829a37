/**
 * Meaning, after shape: turns a schema-valid scenario into the engine's ScenarioModel, checking what a
 * schema cannot (ids unique across the scenario, every reference resolves, times inside the scenario,
 * orbits that SGP4 accepts, catalog files and owner files) and collecting every problem with its place.
 */
import type { Hash } from 'node:crypto';
import { relative, resolve as resolvePath } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { AgreementModel, CoalitionModel, InjectModel, MetricModel, MonteCarloModel, MonteCarloParameterModel, NationModel, OrbitalObjectModel, OrbitSource, ScenarioModel, SiteModel, VisibilityModel } from '../engine/model.js';
import { meanMotionRevPerDayFromSemiMajorAxisKm, satrecErrorText, satrecFrom } from '../engine/physics/orbit-sources.js';
import { canonicalProducts } from '../engine/policy/products.js';
import { parseOwnersCsv } from './catalog/owners.js';
import { parseOmmKvnEntries } from './catalog/kvn-entries.js';
import { parseOmmJson } from './catalog/omm.js';
import { checkTlePair, parseTleText } from './catalog/tle.js';
import { formatDuration, parseDurationMs, parseEpochMs } from './durations.js';
import { readTextFile } from './files.js';
import { knownKeysAt, nodesAt } from './issues.js';
import { spanAt, type Path } from './positions.js';
import { didYouMean, type Problem, type ProblemCode } from './problems.js';
import { resolveEw } from './resolve-ew.js';
import { checkCounterspaceInjects, resolveCounterspace } from './resolve-counterspace.js';
import { markingOf, resolveSensors, resolveTracking } from './resolve-ssa.js';
import { resolveLive } from './resolve-live.js';
import { Scenario, type ScenarioDoc } from './schema.js';

export interface ResolveContext {
  doc: Document;
  lc: LineCounter;
  text: string;
  file: string;
  baseDir: string;
  sources: Map<string, string>;
  hash: Hash;
}

/** Most ticks one scenario may run: 10 million (e.g. 3.8 months at 1 s steps). */
export const TICKS_MAX = 10_000_000;

export class Resolver {
  readonly problems: Problem[] = [];
  readonly ids = new Map<string, Path>();
  readonly nations = new Map<string, NationModel>();
  readonly coalitions = new Map<string, CoalitionModel>();
  /** Owner files already parsed in this load, by absolute path. */
  readonly ownerTables = new Map<string, Map<number, string>>();
  epochMs = 0;
  durationMs = 0;
  /** False when the epoch, duration or step is invalid (already reported). */
  timesValid = true;
  /** True when a catalog file could not be read: references to its objects cannot be checked. */
  catalogsIncomplete = false;
  stepMs = 0;
  constructor(
    readonly s: ScenarioDoc,
    readonly ctx: ResolveContext,
  ) {}

  add(path: Path, code: ProblemCode, message: string, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ file: this.ctx.file, ...spanAt(this.ctx.doc, this.ctx.lc, this.ctx.text, path), code, message, severity });
  }

  addInFile(file: string, line: number, col: number, length: number, code: ProblemCode, message: string, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ file, line, col, length, code, message, severity });
  }

  /** Register a scenario-wide id; a second use is an error naming the first. */
  claimId(id: string, path: Path): void {
    const first = this.ids.get(id);
    if (first) {
      const firstLine = spanAt(this.ctx.doc, this.ctx.lc, this.ctx.text, first).line;
      this.add(path, 'DUPLICATE_ID', `id '${id}' is already used at line ${firstLine}: ids are unique across the whole scenario`);
    } else this.ids.set(id, path);
  }

  /** An offset from the epoch, ms, of a `When` (duration text or UTC time). */
  when(text: string, path: Path): number | null {
    const d = parseDurationMs(text);
    if (d !== null) return d;
    const t = parseEpochMs(text);
    if (t === null) {
      this.add(path, 'BAD_EPOCH', `'${text}' is not a valid UTC time (check the day of the month)`);
      return null;
    }
    return t - this.epochMs;
  }

  /** Check that an offset lies inside the scenario. */
  inside(offsetMs: number, path: Path, what: string): boolean {
    // With no valid epoch or duration every time check would be noise after the real error.
    if (!this.timesValid) return false;
    if (offsetMs < 0 || offsetMs > this.durationMs) {
      this.add(path, 'OUT_OF_SCENARIO', `${what} falls ${offsetMs < 0 ? `${formatDuration(-offsetMs)} before the epoch` : `at ${formatDuration(offsetMs)}, after the scenario ends (duration ${formatDuration(this.durationMs)})`}`);
      return false;
    }
    return true;
  }

  /** Nations the planner declared (owner-data nations are not for the planner to reference). */
  declaredIds(): string[] {
    return [...this.nations.values()].filter((n) => n.declared).map((n) => n.id);
  }

  /** A reference the planner wrote to a nation: it must be declared under nations:. */
  nationRef(id: string, path: Path): boolean {
    if (this.nations.get(id)?.declared) return true;
    this.add(path, 'UNKNOWN_REF', `nation '${id}' is not declared under nations:${this.onlyOwnerData(id)}${didYouMean(id, this.declaredIds())}`);
    return false;
  }

  /** Nations a party (declared nation or coalition) stands for, or null when unknown. */
  partyRef(id: string, path: Path): readonly string[] | null {
    if (this.nations.get(id)?.declared) return [id];
    const c = this.coalitions.get(id);
    if (c) return c.members;
    this.add(path, 'UNKNOWN_REF', `'${id}' is neither a declared nation nor a coalition${this.onlyOwnerData(id)}${didYouMean(id, [...this.declaredIds(), ...this.coalitions.keys()])}`);
    return null;
  }

  onlyOwnerData(id: string): string {
    return this.nations.has(id) ? ` (it appears only as an owner in catalog data: declare it to give it a side)` : '';
  }

  levelRef(level: string | undefined, path: Path): string {
    const levels = this.s.classification.levels;
    if (level === undefined) return this.s.classification.default ?? levels[0];
    if (!levels.includes(level)) this.add(path, 'BAD_CLASSIFICATION', `classification '${level}' is not one of the scenario's levels (${levels.join(', ')})${didYouMean(level, levels)}`);
    return level;
  }

  /** Display path of a file relative to the working directory, as problems name it. */
  displayPath(abs: string): string {
    const rel = relative(process.cwd(), abs);
    return rel.startsWith('..') ? abs : rel;
  }

  readData(pathText: string, path: Path, what: string): { text: string; name: string } | null {
    const abs = resolvePath(this.ctx.baseDir, pathText);
    const r = readTextFile(abs, what);
    if (!r.ok) {
      this.add(path, r.problem.code, r.problem.message);
      return null;
    }
    const name = this.displayPath(abs);
    this.ctx.sources.set(name, r.text);
    this.ctx.hash.update(`\0${pathText}\0`).update(r.bytes);
    return { text: r.text, name };
  }
}

export function resolveScenario(s: ScenarioDoc, ctx: ResolveContext): { model?: ScenarioModel; problems: Problem[] } {
  const r = new Resolver(s, ctx);
  resolveHeader(r);
  resolveParties(r);
  const objects = resolveObjects(r);
  const catalogObjects = resolveCatalogs(r, objects);
  const sites = resolveSites(r);
  const sensors = resolveSensors(r, sites, [...objects, ...catalogObjects]);
  const agreements = resolveAgreements(r);
  const tracking = resolveTracking(r, [...objects, ...catalogObjects]);
  const ew = resolveEw(r, [...objects, ...catalogObjects], sites);
  const targets = new Set([...objects, ...catalogObjects, ...sites, ...sensors].map((x) => x.id));
  const injects = resolveMsel(r, targets, new Set([...objects, ...catalogObjects].map((o) => o.id)));
  const counterspace = resolveCounterspace(r, [...objects, ...catalogObjects], sites, sensors);
  checkCounterspaceInjects(r, counterspace, [...objects, ...catalogObjects], sensors, sites, ew.transponders, ew.terminals);
  const metrics = resolveMetrics(r);
  const montecarlo = resolveMonteCarlo(r);
  const live = resolveLive(r);
  const allObjects = [...objects, ...catalogObjects];
  const entities = allObjects.length + sites.length + sensors.length + ew.entities;
  if (entities > s.limits.entitiesMax) {
    r.add(['limits'], 'LIMIT', `the scenario holds ${entities} entities (objects, sites, sensors), over limits.entitiesMax ${s.limits.entitiesMax}: raise the limit or import fewer objects`);
  }
  if (r.problems.some((p) => p.severity === 'error')) return { problems: r.problems };
  const model: ScenarioModel = {
    name: s.name,
    marking: s.marking,
    epochMs: r.epochMs,
    stepMs: r.stepMs,
    durationMs: r.durationMs,
    seed: s.seed,
    classificationLevels: s.classification.levels,
    nations: [...r.nations.values()],
    coalitions: [...r.coalitions.values()],
    objects: allObjects,
    sites,
    sensors,
    agreements,
    transponders: ew.transponders,
    terminals: ew.terminals,
    jammers: ew.jammers,
    receivers: ew.receivers,
    counterspace,
    injects,
    limits: { entitiesMax: s.limits.entitiesMax, eventsMax: s.limits.eventsMax, observationsPerStepMax: s.limits.observationsPerStepMax, sharedItemsInFlightMax: s.limits.sharedItemsInFlightMax },
    tracking,
    metrics,
    montecarlo,
    live,
    contentHash: ctx.hash.digest('hex'),
  };
  return { model, problems: r.problems };
}

function resolveHeader(r: Resolver): void {
  const s = r.s;
  const epoch = parseEpochMs(s.epoch);
  if (epoch === null) r.add(['epoch'], 'BAD_EPOCH', `'${s.epoch}' is not a valid UTC time (check the day of the month)`);
  r.epochMs = epoch ?? 0;
  r.durationMs = parseDurationMs(s.duration) ?? 0;
  r.stepMs = parseDurationMs(s.step) ?? 0;
  r.timesValid = epoch !== null && r.durationMs > 0 && r.stepMs >= 1;
  if (r.durationMs <= 0) r.add(['duration'], 'OUT_OF_RANGE', 'duration must be longer than zero');
  if (r.stepMs < 1) r.add(['step'], 'OUT_OF_RANGE', 'step must be at least 1ms');
  else if (r.durationMs / r.stepMs > TICKS_MAX) {
    r.add(['step'], 'LIMIT', `duration ${s.duration} at step ${s.step} makes ${Math.ceil(r.durationMs / r.stepMs)} ticks, over the limit of ${TICKS_MAX}: use a longer step`);
  }
  const levels = s.classification.levels;
  levels.forEach((l, i) => {
    if (levels.indexOf(l) !== i) r.add(['classification', 'levels', i], 'DUPLICATE_ID', `classification level '${l}' is listed twice`);
  });
  if (s.classification.default !== undefined) r.levelRef(s.classification.default, ['classification', 'default']);
}

function resolveParties(r: Resolver): void {
  r.s.nations.forEach((n, i) => {
    if (r.nations.has(n.id)) r.add(['nations', i, 'id'], 'DUPLICATE_ID', `nation '${n.id}' is declared twice`);
    r.nations.set(n.id, { id: n.id, name: n.name ?? n.id, side: n.side, declared: true });
  });
  const raw = new Map(r.s.coalitions.map((c, i) => [c.id, { c, i }]));
  r.s.coalitions.forEach((c, i) => {
    if (r.nations.has(c.id)) r.add(['coalitions', i, 'id'], 'DUPLICATE_ID', `coalition '${c.id}' has the id of a nation`);
    else if ([...raw.values()].find((x) => x.c.id === c.id)!.i !== i) r.add(['coalitions', i, 'id'], 'DUPLICATE_ID', `coalition '${c.id}' is declared twice`);
  });
  const expand = (id: string, trail: string[], path: Path): string[] => {
    if (r.nations.has(id)) return [id];
    const entry = raw.get(id);
    if (!entry) {
      r.add(path, 'UNKNOWN_REF', `'${id}' is neither a declared nation nor a coalition${didYouMean(id, [...r.nations.keys(), ...raw.keys()])}`);
      return [];
    }
    if (trail.includes(id)) {
      r.add(path, 'INVALID_VALUE', `coalition '${id}' contains itself (${[...trail, id].join(' -> ')})`);
      return [];
    }
    return entry.c.members.flatMap((m, j) => expand(m, [...trail, id], ['coalitions', entry.i, 'members', j]));
  };
  r.s.coalitions.forEach((c, i) => {
    const members = [...new Set(c.members.flatMap((m, j) => expand(m, [c.id], ['coalitions', i, 'members', j])))].sort();
    r.coalitions.set(c.id, { id: c.id, name: c.name ?? c.id, members });
  });
}

function ownerOf(r: Resolver, owner: string, path: Path): string | null {
  if (owner === 'none') return null;
  return r.nationRef(owner, path) ? owner : null;
}

function resolveObjects(r: Resolver): OrbitalObjectModel[] {
  const out: OrbitalObjectModel[] = [];
  r.s.objects.forEach((o, i) => {
    const path: Path = ['objects', i];
    r.claimId(o.id, [...path, 'id']);
    const owner = ownerOf(r, o.owner, [...path, 'owner']);
    const given = (['tle', 'omm', 'elements'] as const).filter((k) => o[k] !== undefined);
    if (given.length !== 1) {
      r.add(path, 'ORBIT_SOURCE', given.length === 0 ? `object '${o.id}' needs an orbit: one of tle, omm or elements` : `object '${o.id}' gives ${given.join(' and ')}: give exactly one orbit source`);
      return;
    }
    const orbit = orbitOf(r, o, path);
    if (!orbit) return;
    const satrec = satrecFrom(orbit.source);
    if (satrec.error !== 0) {
      const el = o.elements;
      const at = el === undefined ? [...path, given[0]] : [...path, 'elements', el.semiMajorAxisKm !== undefined ? 'semiMajorAxisKm' : 'meanMotionRevPerDay'];
      // satrec.a is in earth radii (WGS-72, 6378.135 km); the perigee height says how far below ground.
      const perigeeKm = satrec.a * 6378.135 * (1 - satrec.ecco) - 6378.135;
      const height = Number.isFinite(perigeeKm) ? ` (perigee ${perigeeKm.toFixed(0)} km above the surface)` : '';
      r.add(at, 'SGP4_INIT', `SGP4 cannot start from these elements: ${satrecErrorText(satrec.error)}${height}`);
      return;
    }
    const line = spanAt(r.ctx.doc, r.ctx.lc, r.ctx.text, path).line;
    const twin = orbit.noradId === null ? undefined : out.find((x) => x.noradId === orbit.noradId);
    if (twin) r.add([...path, o.tle !== undefined ? 'tle' : o.omm !== undefined ? 'omm' : 'noradId'], 'DUPLICATE_ID', `NORAD number ${orbit.noradId} is already object '${twin.id}' (${twin.origin})`);
    const marking = o.marking === undefined ? null : markingOf(r, o.marking, [...path, 'marking']);
    if (marking && owner === null) r.add([...path, 'marking'], 'INVALID_VALUE', `object '${o.id}' has no owner: a marking says how its owner marks what it knows, so give it an owner`);
    out.push({
      id: o.id, name: o.name ?? orbit.name ?? o.id, noradId: orbit.noradId, owner, kind: o.kind, orbit: orbit.source,
      rcsM2: o.rcsM2 ?? null, standardMagnitude: o.standardMagnitude ?? null, catalogued: o.catalogued, marking, constellation: o.constellation ?? null, origin: `${r.ctx.file}:${line}`,
    });
  });
  return out;
}

function orbitOf(r: Resolver, o: ScenarioDoc['objects'][number], path: Path): { source: OrbitSource; noradId: number | null; name?: string } | null {
  if (o.tle !== undefined) {
    const lines = o.tle.split('\n').map((l) => l.replace(/\r$/, '').trimEnd()).filter((l) => l.trim() !== '');
    const pair = lines.length === 3 ? lines.slice(1) : lines;
    const name = lines.length === 3 ? lines[0].replace(/^0 /, '').trim() : undefined;
    if (pair.length !== 2 || !pair[0].startsWith('1 ') || !pair[1].startsWith('2 ')) {
      const folded = lines.length === 1 && / 2 \d/.test(lines[0]) ? ": the lines ran into one; write 'tle: |' so YAML keeps the line breaks" : '';
      r.add([...path, 'tle'], 'TLE_MISSING_LINE', `a TLE is two lines starting '1 ' and '2 ' (optionally after a name line), found ${lines.length === 1 ? 'one line' : `${lines.length} lines`}${folded}`);
      return null;
    }
    const checked = checkTlePair(name ?? '', pair[0], pair[1], 1);
    if ('code' in checked) {
      addTleProblemInBlock(r, [...path, 'tle'], pair[checked.line - 1], checked);
      return null;
    }
    if (o.noradId !== undefined && o.noradId !== checked.noradId) {
      r.add([...path, 'noradId'], 'TLE_MISMATCH', `noradId ${o.noradId} does not match the TLE's catalog number ${checked.noradId}`);
    }
    return { source: { kind: 'tle', line1: pair[0], line2: pair[1] }, noradId: checked.noradId, name };
  }
  if (o.omm !== undefined) {
    const parsed = parseOmmJson(JSON.stringify([o.omm]));
    if (parsed.entries.length === 0) {
      const p = parsed.problems[0];
      const at = p?.field !== undefined && o.omm[p.field] !== undefined ? p.field : p?.near;
      const field = at === undefined ? [] : [at];
      r.add([...path, 'omm', ...field], 'OMM_FORMAT', p?.message.replace(/^record 0 \([^)]*\): /, '') ?? 'not a usable OMM record');
      return null;
    }
    const e = parsed.entries[0];
    return { source: { kind: 'omm', omm: e.omm }, noradId: e.noradId, name: e.name };
  }
  const el = o.elements!;
  const ep = [...path, 'elements'];
  if ((el.semiMajorAxisKm === undefined) === (el.meanMotionRevPerDay === undefined)) {
    r.add(ep, 'ORBIT_SOURCE', 'elements need exactly one of semiMajorAxisKm and meanMotionRevPerDay');
    return null;
  }
  const epochMs = el.epoch === undefined ? r.epochMs : parseEpochMs(el.epoch);
  if (epochMs === null) {
    r.add([...ep, 'epoch'], 'BAD_EPOCH', `'${el.epoch}' is not a valid UTC time`);
    return null;
  }
  const meanMotionRevPerDay = el.meanMotionRevPerDay ?? meanMotionRevPerDayFromSemiMajorAxisKm(el.semiMajorAxisKm!, el.eccentricity, el.inclinationDeg);
  const noradId = o.noradId ?? 0;
  return {
    source: { kind: 'elements', elements: { epochMs, meanMotionRevPerDay, eccentricity: el.eccentricity, inclinationDeg: el.inclinationDeg, raanDeg: el.raanDeg, argPerigeeDeg: el.argPerigeeDeg, meanAnomalyDeg: el.meanAnomalyDeg, bstarPerEarthRadius: el.bstar, noradId } },
    noradId: o.noradId ?? null,
  };
}

/** A TLE problem inside a YAML block scalar: find the line's text in the scenario to place it. */
function addTleProblemInBlock(r: Resolver, path: Path, lineText: string, p: { col: number; length: number; code: ProblemCode; message: string }): void {
  const node = r.ctx.doc.getIn(path as (string | number)[], true) as { range?: [number, number] } | undefined;
  const start = node?.range?.[0] ?? 0;
  const at = r.ctx.text.indexOf(lineText, start);
  if (at < 0) {
    r.add(path, p.code, p.message);
    return;
  }
  const pos = r.ctx.lc.linePos(at);
  r.addInFile(r.ctx.file, pos.line, pos.col + p.col - 1, p.length, p.code, p.message);
}

/** A catalog's format from its file name when the scenario names none. */
function formatOfFile(file: string): 'tle' | 'omm-json' | 'omm-kvn' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'omm-json';
  return lower.endsWith('.kvn') || lower.endsWith('.omm') ? 'omm-kvn' : 'tle';
}

function resolveCatalogs(r: Resolver, explicit: OrbitalObjectModel[]): OrbitalObjectModel[] {
  const out: OrbitalObjectModel[] = [];
  const noradSeen = new Set<number>(explicit.map((o) => o.noradId).filter((n): n is number => n !== null));
  const max = r.s.limits.catalogObjectsMax;
  r.s.catalogs.forEach((cat, i) => {
    const path: Path = ['catalogs', i];
    const data = r.readData(cat.file, [...path, 'file'], 'catalog file');
    if (!data) {
      r.catalogsIncomplete = true;
      return;
    }
    const format = cat.format ?? formatOfFile(cat.file);
    const severity = cat.onBadEntry === 'skip' ? 'warning' : 'error';
    const parsed = format === 'tle' ? parseTleText(data.text, max + 1) : format === 'omm-kvn' ? parseOmmKvnEntries(data.text, data.name, max + 1) : parseOmmJson(data.text, max + 1);
    for (const p of parsed.problems) {
      const code: ProblemCode = 'code' in p ? (p as { code: ProblemCode }).code : 'OMM_FORMAT';
      const length = 'length' in p ? (p as { length: number }).length : 1;
      r.addInFile(data.name, p.line, p.col, length, code, severity === 'warning' ? `${p.message} (skipped: onBadEntry is 'skip')` : `${p.message} (set onBadEntry: skip on this catalog to skip bad entries)`, severity);
    }
    const owners = resolveOwnerRule(r, cat.owners, [...path, 'owners']);
    const nameMatchers = cat.select?.names?.map(globToRegExp);
    const wanted = cat.select?.noradIds ? new Set(cat.select.noradIds) : null;
    // First definition wins: an explicit object, or an earlier catalog (a group file listed before the
    // full catalog keeps its own kind and owner rule for the objects it holds).
    let taken = 0;
    for (const e of parsed.entries) {
      if (wanted && !wanted.has(e.noradId)) continue;
      if (nameMatchers && !nameMatchers.some((m) => m.test(e.name))) continue;
      if (cat.select?.limit !== undefined && taken >= cat.select.limit) break;
      if (noradSeen.has(e.noradId)) continue;
      noradSeen.add(e.noradId);
      taken++;
      const id = `${cat.idPrefix}${e.noradId}`;
      const source: OrbitSource = 'line1' in e ? { kind: 'tle', line1: e.line1, line2: e.line2 } : { kind: 'omm', omm: e.omm };
      out.push({ id, name: e.name, noradId: e.noradId, owner: owners(e.noradId), kind: cat.kind, orbit: source, rcsM2: null, standardMagnitude: null, catalogued: true, marking: null, constellation: cat.constellation ?? null, origin: `${data.name}:${e.lineNo}` });
    }
    if (taken === 0 && parsed.problems.length === 0) {
      r.add([...path, 'file'], 'EMPTY_CATALOG', parsed.entries.length === 0 ? `${cat.file} holds no element sets` : `no entry of ${cat.file} is imported: select matches none, or all were defined before`, 'warning');
    }
    if (out.length > max || parsed.truncated) {
      r.add([...path, 'file'], 'LIMIT', `catalogs import more than limits.catalogObjectsMax (${max}) objects: raise the limit or narrow select`);
    }
  });
  for (const o of out) r.claimId(o.id, ['catalogs']);
  // A default owner must be declared or be a code of the owner data (ESA, MNO...), whatever the order of
  // the catalogs: checked once every owner file is read, before data codes become nations.
  const dataCodes = new Set<string>();
  for (const table of r.ownerTables.values()) for (const code of table.values()) dataCodes.add(code);
  for (const cat of r.s.catalogs) for (const code of Object.values(cat.owners.overrides)) if (code !== 'none') dataCodes.add(code);
  r.s.catalogs.forEach((cat, i) => {
    const d = cat.owners.default;
    if (d !== 'none' && !r.nations.get(d)?.declared && !dataCodes.has(d)) {
      r.add(['catalogs', i, 'owners', 'default'], 'UNKNOWN_REF', `owner '${d}' is neither declared under nations: nor a code of the owner data${didYouMean(d, [...r.declaredIds(), ...dataCodes])}`);
    }
  });
  // Owner codes in data files are real-world facts, not planner typos: the owner of an imported object
  // that the scenario does not declare becomes a neutral nation, so every object keeps its true owner.
  for (const o of out) if (o.owner !== null) implicitNation(r, o.owner);
  return out;
}

function resolveOwnerRule(r: Resolver, rule: ScenarioDoc['catalogs'][number]['owners'], path: Path): (norad: number) => string | null {
  const fallback = rule.default === 'none' ? null : rule.default;
  const table = rule.file === undefined ? new Map<number, string>() : ownerTable(r, rule.file, [...path, 'file']);
  const overrides = new Map(Object.entries(rule.overrides).map(([norad, owner]) => [Number(norad), owner === 'none' ? null : owner]));
  return (norad) => {
    const override = overrides.get(norad);
    return override !== undefined ? override : (table.get(norad) ?? fallback);
  };
}

/** An owner file's table, read and parsed once per load however many catalogs name it. */
function ownerTable(r: Resolver, file: string, path: Path): Map<number, string> {
  const key = resolvePath(r.ctx.baseDir, file);
  let table = r.ownerTables.get(key);
  if (table) return table;
  table = new Map<number, string>();
  const data = r.readData(file, path, 'owner file');
  if (data) {
    const parsed = parseOwnersCsv(data.text);
    for (const p of parsed.problems) r.addInFile(data.name, p.line, p.col, 1, 'CSV_FORMAT', p.message);
    table = parsed.owners;
  }
  r.ownerTables.set(key, table);
  return table;
}

function implicitNation(r: Resolver, code: string): void {
  if (!r.nations.has(code)) r.nations.set(code, { id: code, name: code, side: 'neutral', declared: false });
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function resolveSites(r: Resolver): SiteModel[] {
  return r.s.sites.map((site, i) => {
    r.claimId(site.id, ['sites', i, 'id']);
    r.nationRef(site.owner, ['sites', i, 'owner']);
    return { id: site.id, name: site.name ?? site.id, owner: site.owner, latDeg: site.latDeg, lonDeg: site.lonDeg, altKm: site.altM / 1000 };
  });
}

/**
 * Agreements as the policy reads them: recipients expanded to sorted nations without the provider,
 * products in canonical order, the ceiling defaulting to the lowest level (deny by default), latency in
 * ms, the window in ticks (first tick at or after `from`, first tick at or after `until`).
 */
function resolveAgreements(r: Resolver): AgreementModel[] {
  const out: AgreementModel[] = [];
  const signedByInject = new Set(r.s.msel.flatMap((m) => (m.kind === 'agreement-change' && m.action === 'sign' ? [m.agreement] : [])));
  r.s.agreements.forEach((a, i) => {
    const path: Path = ['agreements', i];
    r.claimId(a.id, [...path, 'id']);
    const providerKnown = r.nationRef(a.provider, [...path, 'provider']);
    const parties = a.recipients.map((p, j) => r.partyRef(p, [...path, 'recipients', j]));
    const recipients = [...new Set(parties.flatMap((n) => n ?? []))].filter((n) => n !== a.provider).sort();
    if (providerKnown && parties.every((n) => n !== null) && recipients.length === 0) {
      r.add([...path, 'recipients'], 'INVALID_VALUE', `agreement '${a.id}' shares with no nation but its provider ${a.provider}: name at least one other nation or coalition`);
    }
    const classificationMax = r.levelRef(a.classificationMax ?? r.s.classification.levels[0], [...path, 'classificationMax']);
    const from = a.from === undefined ? 0 : r.when(a.from, [...path, 'from']);
    const until = a.until === undefined ? null : r.when(a.until, [...path, 'until']);
    if (from !== null && a.from !== undefined) r.inside(from, [...path, 'from'], `agreement '${a.id}' start`);
    if (until !== null) r.inside(until, [...path, 'until'], `agreement '${a.id}' end`);
    const fromTick = from === null || r.stepMs < 1 ? 0 : Math.ceil(from / r.stepMs);
    const untilTick = until === null || r.stepMs < 1 ? null : Math.ceil(until / r.stepMs);
    if (from !== null && until !== null && from >= until) r.add([...path, 'until'], 'OUT_OF_RANGE', `agreement '${a.id}' ends before it starts`);
    else if (untilTick !== null && fromTick >= untilTick) {
      r.add([...path, 'until'], 'OUT_OF_RANGE', `agreement '${a.id}' is in force for less than one step (${r.s.step}) between two ticks: it never carries anything`, 'warning');
    }
    if (!a.signed && !signedByInject.has(a.id)) {
      // In a live game the providing nation's cell may sign it by order.
      const unless = r.s.live.orders.includes('agreement') ? ` in a run; in a live game only if ${a.provider}'s cell signs it` : '';
      r.add([...path, 'signed'], 'INVALID_VALUE', `agreement '${a.id}' is unsigned and no agreement-change inject signs it: it never takes force${unless}`, 'warning');
    }
    out.push({
      id: a.id,
      provider: a.provider,
      recipients,
      products: canonicalProducts(a.products),
      classificationMax,
      latencyMs: parseDurationMs(a.latency) ?? 0,
      fidelity: { positionNoiseKm: a.fidelity.positionNoiseKm, positionRoundingKm: a.fidelity.positionRoundingKm, identity: a.fidelity.identity, strip: [...new Set(a.fidelity.strip)] },
      access: a.access,
      signed: a.signed,
      fromTick,
      untilTick,
    });
  });
  return out;
}

function resolveMsel(r: Resolver, targets: ReadonlySet<string>, objectIds: ReadonlySet<string>): InjectModel[] {
  const out: { inject: InjectModel; order: number }[] = [];
  const lastTick = Math.floor(r.durationMs / r.stepMs);
  const kindIds = (section: 'sensors' | 'agreements'): string[] => r.s[section].map((x) => x.id);
  r.s.msel.forEach((inj, i) => {
    const path: Path = ['msel', i];
    r.claimId(inj.id, [...path, 'id']);
    const offset = r.when(inj.at, [...path, 'at']);
    // An inject that cannot be placed in time is still checked to the end, so every problem shows at once.
    const placed = offset !== null && r.inside(offset, [...path, 'at'], `inject '${inj.id}'`);
    const tick = placed ? Math.ceil(offset / r.stepMs) : 0;
    if (placed && tick > lastTick) r.add([...path, 'at'], 'OUT_OF_SCENARIO', `inject '${inj.id}' would apply at tick ${tick}, after the last tick (${lastTick}): the scenario ends before the next step`);
    const params: Record<string, unknown> = {};
    const subjects: string[] = [];
    if (inj.kind === 'sensor-outage') {
      if (!kindIds('sensors').includes(inj.sensor)) r.add([...path, 'sensor'], 'UNKNOWN_REF', `sensor '${inj.sensor}' is not declared${didYouMean(inj.sensor, kindIds('sensors'))}`);
      Object.assign(params, { sensor: inj.sensor, durationMs: parseDurationMs(inj.duration) });
      subjects.push(inj.sensor);
    } else if (inj.kind === 'agreement-change') {
      if (!kindIds('agreements').includes(inj.agreement)) r.add([...path, 'agreement'], 'UNKNOWN_REF', `agreement '${inj.agreement}' is not declared${didYouMean(inj.agreement, kindIds('agreements'))}`);
      Object.assign(params, { agreement: inj.agreement, action: inj.action });
      subjects.push(inj.agreement);
    } else if (inj.kind === 'constellation-outage') {
      Object.assign(params, { constellation: inj.constellation, durationMs: parseDurationMs(inj.duration), area: inj.area ?? null, signalLossDb: inj.signalLossDb ?? null });
      subjects.push(inj.constellation);
    } else if (inj.kind === 'jamming') {
      const jammers = r.s.jammers.map((j) => j.id);
      if (!jammers.includes(inj.jammer)) r.add([...path, 'jammer'], 'UNKNOWN_REF', `jammer '${inj.jammer}' is not declared under jammers:${didYouMean(inj.jammer, jammers)}`);
      Object.assign(params, { jammer: inj.jammer, action: inj.action, durationMs: inj.duration === undefined ? null : parseDurationMs(inj.duration) });
      subjects.push(inj.jammer);
    } else if (inj.kind === 'asat-launch') {
      r.nationRef(inj.by, [...path, 'by']);
      if (!targets.has(inj.target)) {
        const why = r.catalogsIncomplete ? ' (a catalog file could not be read: fix that first, its objects are missing)' : '';
        r.add([...path, 'target'], 'UNKNOWN_REF', `target '${inj.target}' is not an object, site or sensor of the scenario${why}${didYouMean(inj.target, targets)}`);
      }
      Object.assign(params, { by: inj.by, target: inj.target, launcher: inj.launcher ?? null });
      subjects.push(inj.target);
    } else if (inj.kind === 'breakup') {
      Object.assign(params, { object: inj.object, cause: inj.cause, breakup: inj.breakup ?? null });
      subjects.push(inj.object);
    } else if (inj.kind === 'co-orbital-attack') {
      Object.assign(params, { asat: inj.asat, target: inj.target, effect: inj.effect, standoffKm: inj.standoffKm });
      subjects.push(inj.asat, inj.target);
    } else if (inj.kind === 'laser-dazzle') {
      Object.assign(params, { laser: inj.laser, target: inj.target, durationMs: parseDurationMs(inj.duration) });
      subjects.push(inj.laser, inj.target);
    } else if (inj.kind === 'cyber') {
      Object.assign(params, { target: inj.target, effect: inj.effect, factor: inj.factor, marginLossDb: inj.marginLossDb, durationMs: parseDurationMs(inj.duration) });
      subjects.push(inj.target);
    } else if (inj.kind === 'manoeuvre') {
      if (!objectIds.has(inj.object)) r.add([...path, 'object'], 'UNKNOWN_REF', `'${inj.object}' is not an orbiting object of the scenario${didYouMean(inj.object, objectIds)}`);
      if (inj.deltaV.radialMps === 0 && inj.deltaV.alongTrackMps === 0 && inj.deltaV.crossTrackMps === 0) r.add([...path, 'deltaV'], 'INVALID_VALUE', 'a burn of zero changes nothing: give radialMps, alongTrackMps or crossTrackMps');
      Object.assign(params, { object: inj.object, radialMps: inj.deltaV.radialMps, alongTrackMps: inj.deltaV.alongTrackMps, crossTrackMps: inj.deltaV.crossTrackMps });
      subjects.push(inj.object);
    } else if (inj.kind === 'sensor-tasking') {
      if (!kindIds('sensors').includes(inj.sensor)) r.add([...path, 'sensor'], 'UNKNOWN_REF', `sensor '${inj.sensor}' is not declared${didYouMean(inj.sensor, kindIds('sensors'))}`);
      inj.priority.forEach((id, j) => {
        if (!objectIds.has(id)) r.add([...path, 'priority', j], 'UNKNOWN_REF', `'${id}' is not an orbiting object of the scenario${didYouMean(id, objectIds)}`);
      });
      Object.assign(params, { sensor: inj.sensor, priority: [...inj.priority] });
      subjects.push(inj.sensor);
    }
    params.subjects = subjects;
    const visibility = audience(r, inj.to, inj.classification, [...path]);
    const expect = inj.expect ? {
      response: inj.expect.response,
      withinMs: parseDurationMs(inj.expect.within) ?? 0,
      order: inj.expect.order ?? null,
      by: [...new Set((inj.expect.by ?? []).flatMap((p, j) => r.partyRef(p, [...path, 'expect', 'by', j]) ?? []))].sort(),
    } : null;
    if (placed && tick <= lastTick) out.push({ inject: { id: inj.id, tick, kind: inj.kind, title: inj.title, detail: inj.detail, params, visibility, expect }, order: i });
  });
  return out.sort((a, b) => a.inject.tick - b.inject.tick || a.order - b.order).map((x) => x.inject);
}

function audience(r: Resolver, to: readonly string[], classification: string | undefined, path: Path): VisibilityModel {
  const level = r.levelRef(classification, [...path, 'classification']);
  if (to.includes('all')) return { owner: null, classification: level, releasableTo: 'all', caveats: [] };
  const nations = new Set<string>();
  to.forEach((p, j) => {
    if (p === 'white') return;
    for (const n of r.partyRef(p, [...path, 'to', j]) ?? []) nations.add(n);
  });
  return { owner: null, classification: level, releasableTo: [...nations].sort(), caveats: [] };
}

/** Largest number of uncertain parameters a batch may vary. */
export const MONTECARLO_PARAMETERS_MAX = 1000;

function resolveMetrics(r: Resolver): MetricModel[] {
  const out: MetricModel[] = [];
  r.s.metrics.forEach((m, i) => {
    r.claimId(m.id, ['metrics', i, 'id']);
    const nations = m.for === undefined ? r.declaredIds() : r.partyRef(m.for, ['metrics', i, 'for']);
    if (nations) out.push({ id: m.id, kind: m.kind, for: m.for ?? null, nations: [...nations] });
  });
  return out;
}

/**
 * A Monte Carlo path ('sensors.fyl-radar.detectionProbability', 'counterspace.interceptors.nudol.killProbability',
 * 'tracking.custodyKmMax') walked over the scenario: keys of mappings, and in a list the entry whose id
 * is the next segment(s) (ids may hold dots: the longest match wins). Null, with a problem, when it
 * names nothing; the last key may be one the file leaves at its default.
 */
function yamlPathOf(r: Resolver, text: string, problemAt: Path): { yamlPath: (string | number)[]; value: unknown } | null {
  const segments = text.split('.');
  const yamlPath: (string | number)[] = [];
  let node: unknown = r.s;
  for (let k = 0; k < segments.length; ) {
    if (Array.isArray(node)) {
      const items = node as { id?: unknown }[];
      let found = -1, used = 0;
      for (let m = segments.length; m > k && found < 0; m--) {
        const id = segments.slice(k, m).join('.');
        found = items.findIndex((x) => x !== null && typeof x === 'object' && x.id === id);
        used = m - k;
      }
      if (found < 0) {
        const ids = items.map((x) => String(x?.id ?? ''));
        r.add(problemAt, 'UNKNOWN_REF', `no ${segments.slice(0, k).join('.')} entry has id '${segments[k]}'${didYouMean(segments[k], ids)}`);
        return null;
      }
      yamlPath.push(found);
      node = items[found];
      k += used;
      continue;
    }
    if (node === null || typeof node !== 'object') {
      r.add(problemAt, 'FORMAT', `'${segments.slice(0, k).join('.')}' is a value, not a section: the path ends there`);
      return null;
    }
    const keys = knownKeysAt(Scenario, yamlPath, r.s);
    if (!keys.includes(segments[k])) {
      r.add(problemAt, 'UNKNOWN_REF', `'${yamlPath.length === 0 ? 'the scenario' : segments.slice(0, k).join('.')}' has no field '${segments[k]}'${didYouMean(segments[k], keys)}`);
      return null;
    }
    yamlPath.push(segments[k]);
    node = (node as Record<string, unknown>)[segments[k]];
    k++;
  }
  if (Array.isArray(node) || (node !== null && typeof node === 'object')) {
    r.add(problemAt, 'FORMAT', `'${text}' is a section, not a value: name a field in it`);
    return null;
  }
  return { yamlPath, value: node };
}

/** What the schema takes at a path: the field's own type, whatever the file holds (or leaves default). */
function valueTypeAt(yamlPath: readonly (string | number)[]): MonteCarloParameterModel['valueType'] {
  const types = new Set<MonteCarloParameterModel['valueType']>();
  for (const n of nodesAt(Scenario, [...yamlPath])) {
    const def = n._zod.def as unknown as { type: string; checks?: { _zod: { def: { format?: string } } }[] };
    if (def.type === 'boolean') types.add('boolean');
    else if (def.type === 'number') types.add(def.checks?.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number');
    else types.add('text');
  }
  return types.size === 1 ? [...types][0] : types.has('text') || types.size === 0 ? 'text' : 'number';
}

function resolveMonteCarlo(r: Resolver): MonteCarloModel | null {
  const mc = r.s.montecarlo;
  if (!mc) return null;
  if (mc.parameters.length > MONTECARLO_PARAMETERS_MAX) r.add(['montecarlo', 'parameters'], 'LIMIT', `${mc.parameters.length} parameters, over ${MONTECARLO_PARAMETERS_MAX}`);
  const parameters: MonteCarloParameterModel[] = [];
  const seen = new Set<string>();
  mc.parameters.forEach((p, i) => {
    const at: Path = ['montecarlo', 'parameters', i, 'path'];
    const d = p.draw;
    if ((d.dist === 'uniform' && d.min > d.max) || (d.dist === 'triangular' && !(d.min <= d.mode && d.mode <= d.max))) {
      r.add(['montecarlo', 'parameters', i, 'draw'], 'OUT_OF_RANGE', d.dist === 'uniform' ? `uniform needs min <= max (min ${d.min}, max ${d.max})` : `triangular needs min <= mode <= max (${d.min}, ${d.mode}, ${d.max})`);
    }
    const found = yamlPathOf(r, p.path, at);
    if (!found) return;
    const key = found.yamlPath.join('\0');
    if (seen.has(key)) r.add(at, 'DUPLICATE_ID', `'${p.path}' is varied twice: keep one distribution for it`);
    seen.add(key);
    if (found.yamlPath[found.yamlPath.length - 1] === 'epoch') {
      r.add(at, 'INVALID_VALUE', `'${p.path}' is an absolute time: vary an offset instead (an inject's 'at', an agreement's 'from')`);
      return;
    }
    const duration = typeof found.value === 'string' && (parseDurationMs(found.value) !== null || parseEpochMs(found.value) !== null);
    const numericDraw = d.dist !== 'choice';
    if (numericDraw && typeof found.value === 'string' && !duration) {
      r.add(['montecarlo', 'parameters', i, 'draw'], 'INVALID_VALUE', `'${p.path}' holds text ('${found.value}'): vary it with dist: choice`);
    }
    parameters.push({ path: p.path, yamlPath: found.yamlPath, duration, valueType: valueTypeAt(found.yamlPath), draw: d });
  });
  return { runs: mc.runs, parameters };
}
