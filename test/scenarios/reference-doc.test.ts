/**
 * docs/scenario-reference.md cannot drift from the language: every ```yaml block in it is checked, and
 * every key, kind and problem code of the language must be named in it.
 *
 * Block conventions (an HTML comment on the line just before the block):
 * - no comment: a complete scenario (top-level `vigil:`); it must load with no errors and no warnings,
 *   `data/...` paths resolving in scenarios/.
 * - `<!-- fragment: Site -->`: a piece of a scenario, validated against that export of
 *   scenarios/schema.ts or scenarios/schema-ew.ts; `<!-- fragment: Inject[] -->` is a list of them.
 * - `<!-- invalid: example.yaml -->`: a complete scenario that must fail; the next ```text block must be
 *   exactly what the loader prints for it under that file name (formatProblem, one problem after another).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ScenarioModel } from '../../engine/model.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { formatProblem } from '../../scenarios/problems.js';
import * as schema from '../../scenarios/schema.js';
import * as schemaEw from '../../scenarios/schema-ew.js';
import { CARRIER_BANDWIDTH_PER_MBPS, RECEIVER_POINTS_MAX } from '../../scenarios/resolve-ew.js';
import { dbToLinear, searchRadarConstant, snrLinear, solidAngleSr, swerling1Pd } from '../../engine/physics/radar-equation.js';
import { standardMagnitudeFromAreaM2 } from '../../engine/physics/optical.js';
import {
  atmosphericLossDb, bandOverlapFraction, BOLTZMANN_DBW_PER_K_HZ, cn0DbHz, combineCn0DbHz, cOverN0PlusJ0DbHz, freeSpaceLossDb, requiredCn0DbHz, ZENITH_LOSS_DB_BY_BAND,
} from '../../engine/physics/link-budget.js';
import { beamwidthFromGainDeg, earthStationGainDbi, itu465EnvelopeDbi, SPOT_BEAM_LOSS_DB_MAX } from '../../engine/physics/antenna.js';
import { ANTENNA_HEIGHT_M_MIN, JAMMER_SIDELOBE_DB } from '../../engine/ew/jammers.js';
import { GEOLOCATION_SIGMA_KM, GEOLOCATION_TICKS_MS } from '../../engine/ew/status.js';
import { CONSTELLATIONS, signalOverlapFraction, SIGNALS } from '../../engine/physics/gnss.js';

const DOC_PATH = fileURLToPath(new URL('../../docs/scenario-reference.md', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const PROBLEMS_TS = fileURLToPath(new URL('../../scenarios/problems.ts', import.meta.url));
const doc = readFileSync(DOC_PATH, 'utf8');

interface Block {
  /** 1-based line of the opening fence, for messages. */
  line: number;
  tag?: 'fragment' | 'invalid';
  arg?: string;
  body: string;
  /** The first ```text block after this one (for invalid examples). */
  nextText?: string;
}

function yamlBlocks(md: string): Block[] {
  const out: Block[] = [];
  const re = /(?:<!-- (\w+): ([^>]*?) -->\r?\n)?```yaml\r?\n([\s\S]*?)```/g;
  for (let m = re.exec(md); m !== null; m = re.exec(md)) {
    const [, tag, arg, body] = m;
    if (tag !== undefined && tag !== 'fragment' && tag !== 'invalid') throw new Error(`unknown block tag '${tag}'`);
    const after = md.slice(m.index + m[0].length);
    const text = /```text\r?\n([\s\S]*?)```/.exec(after);
    const fence = m.index + m[0].indexOf('```yaml');
    out.push({ line: md.slice(0, fence).split('\n').length, tag: tag as Block['tag'], arg: arg?.trim(), body, nextText: text?.[1] });
  }
  return out;
}

const blocks = yamlBlocks(doc);
const complete = blocks.filter((b) => b.tag === undefined);
const fragments = blocks.filter((b) => b.tag === 'fragment');
const invalid = blocks.filter((b) => b.tag === 'invalid');
const where = (b: Block) => `docs/scenario-reference.md:${b.line}`;

/** Each block is loaded once, whichever test asks first (the catalog example reads a 2 MB file). */
const loaded = new Map<Block, ReturnType<typeof loadScenarioText>>();
function load(b: Block): ReturnType<typeof loadScenarioText> {
  let r = loaded.get(b);
  if (!r) loaded.set(b, (r = loadScenarioText(b.body, b.arg ?? 'example.yaml', SCENARIOS)));
  return r;
}

type Parser = { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

function schemaNamed(name: string): Parser {
  const s = (schema as Record<string, unknown>)[name] ?? (schemaEw as Record<string, unknown>)[name];
  if (typeof (s as Parser | undefined)?.safeParse !== 'function') throw new Error(`scenarios/schema.ts and schema-ew.ts export no schema '${name}'`);
  return s as Parser;
}

/** Keys of a zod object schema, or of every option of a discriminated union. */
function keysOf(s: unknown): string[] {
  const def = (s as { _zod: { def: { type: string; shape?: Record<string, unknown>; options?: unknown[] } } })._zod.def;
  if (def.type === 'object') return Object.keys(def.shape!);
  if (def.type === 'union') return [...new Set(def.options!.flatMap(keysOf))];
  throw new Error(`not an object schema: ${def.type}`);
}

/** The literal value of the discriminator `key` in each option of a discriminated union. */
function kindsOf(s: unknown, key: string): string[] {
  const options = (s as { options: { shape: Record<string, { value: string }> }[] }).options;
  return options.map((o) => o.shape[key].value);
}

describe('docs/scenario-reference.md examples', () => {
  it('has the examples the reference promises', () => {
    expect(complete.length).toBeGreaterThanOrEqual(8);
    expect(fragments.length).toBeGreaterThanOrEqual(20);
    expect(invalid.length).toBeGreaterThanOrEqual(1);
  });

  it.each(complete.map((b) => [where(b), b] as const))('complete scenario at %s loads with no problems', (_w, b) => {
    const data = parse(b.body) as unknown;
    expect(data !== null && typeof data === 'object' && !Array.isArray(data) && 'vigil' in data, 'a block without a tag must be a complete scenario (top-level vigil:), or be marked <!-- fragment: Schema -->').toBe(true);
    const r = load(b);
    const problems = r.ok ? r.value.warnings : r.value.problems;
    expect(problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n')).toBe('');
  });

  it.each(fragments.map((b) => [where(b), b.arg ?? '', b] as const))('fragment at %s is a valid %s', (_w, arg, b) => {
    const list = arg.endsWith('[]');
    const parser = schemaNamed(list ? arg.slice(0, -2) : arg);
    const data = parse(b.body, { uniqueKeys: true, strict: true }) as unknown;
    const items = list ? data : [data];
    expect(Array.isArray(items), `${arg}: the block must be a YAML list`).toBe(true);
    for (const item of items as unknown[]) {
      const r = parser.safeParse(item);
      expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    }
  });

  it.each(invalid.map((b) => [where(b), b] as const))('invalid example at %s prints exactly what the doc shows', (_w, b) => {
    const r = load(b);
    expect(r.ok).toBe(false);
    const printed = r.ok ? '' : r.value.problems.map((p) => formatProblem(p, (f) => r.value.sources.get(f))).join('\n');
    expect(b.nextText?.trimEnd()).toBe(printed);
  });

  it('covers every orbit source, a catalog import with owners and every inject kind among the complete scenarios', () => {
    const models: ScenarioModel[] = complete.flatMap((b) => {
      const r = load(b);
      return r.ok ? [r.value.model] : [];
    });
    expect(models).toHaveLength(complete.length);
    const objects = models.flatMap((m) => m.objects);
    expect(new Set(objects.map((o) => o.orbit.kind))).toEqual(new Set(['tle', 'omm', 'elements']));
    // Objects imported from a catalog file (their origin is a line of a .tle file) with owners.
    const imported = objects.filter((o) => /\.tle:\d+$/.test(o.origin));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((o) => o.owner !== null).length).toBeGreaterThan(0);
    const kinds = new Set(models.flatMap((m) => m.injects.map((i) => i.kind)));
    expect([...kinds].sort()).toEqual(kindsOf(schema.Inject, 'kind').sort());
  });

  it('covers every sensor kind, a radar equation, a hosted payload, markings and an uncatalogued object among the complete scenarios', () => {
    const models: ScenarioModel[] = complete.flatMap((b) => {
      const r = load(b);
      return r.ok ? [r.value.model] : [];
    });
    const sensors = models.flatMap((m) => m.sensors);
    expect([...new Set(sensors.map((s) => s.kind))].sort()).toEqual(kindsOf(schema.Sensor, 'kind').sort());
    expect(sensors.some((s) => s.kind === 'radar' && s.radarEquation !== null)).toBe(true);
    // A hosted payload: a space sensor owned by another nation than its host's owner.
    const hosted = models.some((m) => m.sensors.some((s) => s.kind === 'space' && m.objects.find((o) => o.id === s.host)?.owner !== s.owner));
    expect(hosted).toBe(true);
    expect(sensors.some((s) => s.marking.caveats.includes('NOFORN'))).toBe(true);
    expect(sensors.some((s) => s.marking.releasableTo !== 'all')).toBe(true);
    const objects = models.flatMap((m) => m.objects);
    expect(objects.some((o) => !o.catalogued)).toBe(true);
    expect(objects.some((o) => o.marking !== null)).toBe(true);
    expect(models.some((m) => m.tracking.interest !== null)).toBe(true);
  });

  it('covers SATCOM, jammers and PNT among the complete scenarios: every platform, beam, target, mode and inject option', () => {
    const models: ScenarioModel[] = complete.flatMap((b) => {
      const r = load(b);
      return r.ok ? [r.value.model] : [];
    });
    const platforms = models.flatMap((m) => [...m.terminals.map((t) => t.platform), ...m.jammers.map((j) => j.platform), ...m.receivers.flatMap((r) => r.platforms)]);
    expect([...new Set(platforms.map((p) => p.kind))].sort()).toEqual(['fixed', 'object', 'track']);
    expect(models.some((m) => m.receivers.some((r) => r.platforms.length > 1))).toBe(true);
    expect([...new Set(models.flatMap((m) => m.transponders.map((t) => t.beam.kind)))].sort()).toEqual(['global', 'spot']);
    expect(models.some((m) => m.transponders.some((t) => t.terminalsMax !== null))).toBe(true);
    expect([...new Set(models.flatMap((m) => m.jammers.map((j) => j.target.kind)))].sort()).toEqual(['ground', 'satellite']);
    expect(models.some((m) => m.jammers.some((j) => j.windows.length > 0))).toBe(true);
    expect(models.some((m) => m.jammers.some((j) => j.beamwidthDeg === null))).toBe(true);
    expect([...new Set(models.flatMap((m) => m.receivers.map((r) => r.mode)))].sort()).toEqual(['multi', 'single']);
    expect(models.some((m) => m.objects.some((o) => o.constellation !== null))).toBe(true);
    const products = new Set(models.flatMap((m) => m.agreements.flatMap((a) => a.products)));
    expect(['satcom.access', 'satcom.status', 'pnt.status', 'ew.geolocation'].filter((p) => !products.has(p as never))).toEqual([]);
    const injects = models.flatMap((m) => m.injects);
    const params = (kind: string) => injects.filter((i) => i.kind === kind).map((i) => i.params);
    expect(params('jamming').some((p) => p.action === 'off')).toBe(true);
    expect(params('jamming').some((p) => p.action === 'on' && p.durationMs !== null)).toBe(true);
    expect(params('constellation-outage').some((p) => p.area !== null)).toBe(true);
    expect(params('constellation-outage').some((p) => p.signalLossDb !== null)).toBe(true);
    expect(params('constellation-outage').some((p) => p.area === null && p.signalLossDb === null)).toBe(true);
  });
});

describe('docs/scenario-reference.md names the whole language', () => {
  const mentioned = (word: string) => doc.includes(`\`${word}\``);

  it('every top-level key of Scenario', () => {
    const keys = Object.keys(schema.Scenario.shape);
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((k) => !mentioned(k))).toEqual([]);
    // ...and each section has its own heading.
    const sections = ['nations', 'coalitions', 'classification', 'objects', 'catalogs', 'sites', 'sensors', 'agreements', 'satcom', 'jammers', 'pnt', 'msel', 'metrics', 'montecarlo', 'tracking', 'limits'];
    expect(sections.filter((k) => !keys.includes(k))).toEqual([]);
    expect(sections.filter((s) => !new RegExp(`^## ${s}$`, 'm').test(doc))).toEqual([]);
  });

  it('every key of every section', () => {
    const sections: Record<string, unknown> = {
      Nation: schema.Nation, Coalition: schema.Coalition, Classification: schema.Classification, SpaceObject: schema.SpaceObject,
      Elements: schema.Elements, Catalog: schema.Catalog, OwnerRule: schema.OwnerRule, Site: schema.Site, Marking: schema.Marking,
      RadarSensor: schema.RadarSensor, RadarEquation: schema.RadarEquation, OpticalSensor: schema.OpticalSensor, SpaceSensor: schema.SpaceSensor,
      Agreement: schema.Agreement, Fidelity: schema.Fidelity, Inject: schema.Inject, Metric: schema.Metric, MonteCarlo: schema.MonteCarlo, Distribution: schema.Distribution, Limits: schema.Limits, Tracking: schema.Tracking,
      Satcom: schemaEw.Satcom, Transponder: schemaEw.Transponder, Beam: schemaEw.Beam, Terminal: schemaEw.Terminal, Jammer: schemaEw.Jammer, JammerTarget: schemaEw.JammerTarget,
      JammerWindow: schemaEw.JammerWindow, Pnt: schemaEw.Pnt, Receiver: schemaEw.Receiver, Grid: schemaEw.Grid, Waypoint: schemaEw.Waypoint,
    };
    const unwrap = (s: unknown) => (s as { unwrap(): unknown }).unwrap();
    const outage = schema.Inject.options.find((o) => o.shape.kind.value === 'constellation-outage')!;
    const nested = {
      'Catalog.select': unwrap(schema.Catalog.shape.select), 'Tracking.interest': unwrap(schema.Tracking.shape.interest),
      'Inject.constellation-outage.area': unwrap((outage.shape as Record<string, unknown>).area),
    };
    const missing = Object.entries({ ...sections, ...nested }).flatMap(([name, s]) => keysOf(s).filter((k) => !mentioned(k)).map((k) => `${name}.${k}`));
    expect(missing).toEqual([]);
  });

  it('every kind and enum value a planner writes', () => {
    const values = [
      ...kindsOf(schema.Inject, 'kind'),
      ...kindsOf(schema.Sensor, 'kind'),
      ...kindsOf(schema.Distribution, 'dist'),
      ...schema.Catalog.shape.format.unwrap().options,
      ...schema.SpaceSensor.shape.pointing.unwrap().options,
      ...schema.Product.options,
      ...schema.Fidelity.shape.strip.unwrap().element.options,
      ...schema.Metric.shape.kind.options,
      ...schemaEw.BAND_NAMES,
      ...schemaEw.GNSS_NAMES,
      ...schemaEw.Receiver.shape.mode.unwrap().options,
      ...kindsOf(schemaEw.Beam, 'kind'),
      'on', 'off',
      'blue', 'red', 'neutral', 'payload', 'rocket-body', 'debris', 'unknown', 'tle', 'omm-json', 'error', 'skip',
      'full', 'liaison', 'exchange', 'sign', 'suspend', 'resume', 'revoke', 'NOFORN', 'GPS', 'GALILEO', 'GLONASS', 'BEIDOU', 'white', 'all',
      // The refusal reasons a run summary counts (engine/policy/releasability.ts).
      'noforn', 'unknown-caveat', 'not-the-owner', 'not-a-recipient', 'not-releasable', 'above-ceiling',
    ];
    expect(values.filter((v) => !mentioned(v))).toEqual([]);
  });

  it('the run options for agreements and interoperability', () => {
    expect(['--without-agreement', '--export-picture', 'pictures/', 'omm-kvn', 'omm-json', 'tle'].filter((w) => !doc.includes(w))).toEqual([]);
  });

  it('every problem code, once in the code table, and no code that does not exist', () => {
    const source = readFileSync(PROBLEMS_TS, 'utf8');
    const union = /export type ProblemCode =([\s\S]*?);/.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(25);
    const table = doc.slice(doc.indexOf('### Problem codes'));
    const tableRows = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(codes.filter((c) => !tableRows.includes(c))).toEqual([]);
    expect(tableRows.filter((c) => !codes.includes(c))).toEqual([]);
    expect(tableRows.length).toBe(new Set(tableRows).size);
  });
});

/** The doc's worked numbers are the engine's: a change of model or constant shows here. */
describe('docs/scenario-reference.md worked examples', () => {
  const DEG = Math.PI / 180;
  const shown = (x: number, digits: number) => x.toFixed(digits);
  /** The doc with every run of white space as one space: the EW examples are checked across line breaks. */
  const flat = doc.replace(/\s+/g, ' ');

  it('radar equation: 1e8 W m^2, 500 K, 10 dB, 10 s frame, 1 m^2', () => {
    const k = (omegaSr: number) => searchRadarConstant({ powerApertureWm2: 1e8, frameTimeS: 10, searchSolidAngleSr: omegaSr, noiseTemperatureK: 500, lossesDb: 10 });
    const t = dbToLinear(11.4);
    const hemisphere = k(solidAngleSr(2 * Math.PI, 0, Math.PI / 2));
    const sector = k(solidAngleSr(120 * DEG, 0, 30 * DEG));
    const cases: [number, number, number][] = [[hemisphere, 1, 2000], [hemisphere, 1, 1000], [hemisphere, 1, 3000], [hemisphere, 0.05, 1000], [sector, 1, 2000]];
    const lines = cases.map(([kk, rcs, range]) => {
      const snr = snrLinear(kk, rcs, range);
      return { snr, pd: swerling1Pd(snr, t) };
    });
    expect(doc).toContain(`SNR = 1e9 / 8.721e7 = ${shown(lines[0].snr, 2)} (${shown(10 * Math.log10(lines[0].snr), 1)} dB)`);
    expect(doc).toContain(`e^-1.107 = ${shown(lines[0].pd, 2)} per look`);
    expect(doc).toContain(`1 - 0.67^6 = ${shown(1 - (1 - lines[0].pd) ** 6, 2)}`);
    expect(doc).toContain(`${shown(lines[1].snr, 1)} (22.6 dB), Pd = ${shown(lines[1].pd, 2)}`);
    expect(doc).toContain(`SNR = ${shown(lines[2].snr, 2)} and Pd = ${shown(lines[2].pd, 3)}`);
    expect(doc).toContain(`SNR = ${shown(lines[3].snr, 2)} and Pd = ${shown(lines[3].pd, 2)}`);
    expect(doc).toContain(`the SNR, ${shown(lines[4].snr, 1)} (18.4 dB), and Pd = ${shown(lines[4].pd, 2)}`);
    expect(doc).toContain(`Pfa = ${(Math.exp(-t)).toExponential(1)}`);
  });

  it('standard magnitudes from the RCS', () => {
    const row = [0.05, 0.1, 1, 4, 400].map((a) => shown(standardMagnitudeFromAreaM2(a), 2)).join(' | ');
    expect(doc).toContain(`| \`standardMagnitude\` | ${row} |`);
  });

  it('SATCOM link budget: the Vilnius terminal through WGS F9 (satcom-jamming.yaml, 12:00)', () => {
    const k = -BOLTZMANN_DBW_PER_K_HZ;
    const lfsUp = freeSpaceLossDb(39_626, 7.975);
    const lfsDown = freeSpaceLossDb(39_626, 7.675);
    const atm = atmosphericLossDb(ZENITH_LOSS_DB_BY_BAND.X, 19.23 * DEG);
    const up = cn0DbHz(60, lfsUp, atm + 0.5, -10);
    const down = cn0DbHz(30, lfsDown, atm + 0.5, 20);
    const both = combineCn0DbHz(up, down);
    const required = requiredCn0DbHz(5, 2e6);
    expect(flat).toContain(`L_fs = 92.45 + 20 log10(7.975) + 20 log10(39,626) = ${shown(lfsUp, 2)} dB; L_atm = 0.07 / sin 19.23° = ${shown(atm, 2)} dB;`);
    expect(flat).toContain(`C/N0 up = 60 - ${shown(lfsUp, 2)} - ${shown(atm, 2)} - 0.5 - 10 + ${shown(k, 2)} = ${shown(up, 2)} dB-Hz;`);
    expect(flat).toContain(`downlink: L_fs = ${shown(lfsDown, 2)} dB;`);
    expect(flat).toContain(`C/N0 down = 30 - ${shown(lfsDown, 2)} - ${shown(atm, 2)} - 0.5 + 20 + ${shown(k, 2)} = ${shown(down, 2)} dB-Hz;`);
    expect(flat).toContain(`C/N0 = -10 log10(10^-${shown(up / 10, 3)} + 10^-${shown(down / 10, 3)}) = ${shown(both, 2)} dB-Hz;`);
    expect(flat).toContain(`required: 5 + 10 log10(2e6) = ${shown(required, 2)} dB-Hz; margin = ${shown(both, 2)} - ${shown(required, 2)} = ${shown(both - required, 2)} dB`);
    expect(flat).toContain(`k = 10 log10(1.380649e-23) = ${shown(-k, 2)} dBW/K/Hz`);

    // Jamming counts over the terminal's own carrier: the share of the carrier band the jammer covers.
    // The Vilnius carrier: the default bandwidth, 1.2 x 2 Mbit/s, at the transponder's centre (offset 0).
    const carrierMHz = CARRIER_BANDWIDTH_PER_MBPS * 2;
    expect(carrierMHz).toBeCloseTo(2.4, 12);
    const carrierShare = (jammerGHz: number, jammerMHz: number, centreGHz: number) =>
      bandOverlapFraction(jammerGHz, jammerMHz, centreGHz, carrierMHz);
    const dbOf = (share: number) => 10 * Math.log10(share);
    /** A figure the doc writes as `+ x` or `- x` in a sum. */
    const term = (x: number) => `${x < 0 ? '-' : '+'} ${shown(Math.abs(x), 2)}`;

    // Uplink jamming at 13:00: kgd-uplink on boresight, 39,442 km, elevation 21.10 deg; 20 MHz at 7.98 GHz
    // cover the whole 2.4 MHz carrier at 7.975 GHz (share 1), and 20 of wgs9-x's 125 MHz (the operator's view).
    const lfsJ = freeSpaceLossDb(39_442, 7.975);
    const atmJ = atmosphericLossDb(ZENITH_LOSS_DB_BY_BAND.X, 21.1 * DEG);
    const upShare = carrierShare(7.98, 20, 7.975);
    expect(upShare).toBe(1);
    expect(flat).toContain(`the carrier's share is 2.4 / 2.4 = ${shown(upShare, 0)} (${shown(dbOf(upShare), 2)} dB)`);
    const j0n0 = 80 - 10 * Math.log10(20e6) + dbOf(upShare) - lfsJ - atmJ - 10 + k;
    expect(flat).toContain(`J0/N0 = 80 - ${shown(10 * Math.log10(20e6), 2)} ${term(dbOf(upShare))} - ${shown(lfsJ, 2)} - ${shown(atmJ, 2)} - 10 + ${shown(k, 2)} = ${shown(j0n0, 2)} dB over the carrier`);
    const upJ = cOverN0PlusJ0DbHz(up, j0n0);
    const bothJ = combineCn0DbHz(upJ, down);
    expect(flat).toContain(`uplink C/(N0 + J0) = ${shown(up, 2)} - 10 log10(1 + 10^${shown(j0n0 / 10, 3)}) = ${shown(up, 2)} - ${shown(up - upJ, 2)} = ${shown(upJ, 2)} dB-Hz;`);
    expect(flat).toContain(`C/N0 = ${shown(bothJ, 2)} dB-Hz; margin ${shown(bothJ, 2)} - ${shown(required, 2)} = ${shown(bothJ - required, 2)} dB`);
    // The operator's view: the same jammer averaged over the transponder band.
    const bandShare = bandOverlapFraction(7.98, 20, 7.975, 125);
    expect(bandShare).toBeCloseTo(20 / 125, 12);
    expect(flat).toContain(`20 / 125 = ${shown(bandShare, 2)} (${shown(dbOf(bandShare), 2)} dB), J0/N0 = ${shown(j0n0, 2)} - ${shown(-dbOf(bandShare), 2)} = ${shown(j0n0 + dbOf(bandShare), 2)} dB (the \`jamming-detected\` event says ${shown(j0n0 + dbOf(bandShare), 0)})`);
    // Burn-through: a lower rate keeps the carrier inside the jammer's band (share 1), so only the requirement falls.
    expect(bandOverlapFraction(7.98, 20, 7.975, CARRIER_BANDWIDTH_PER_MBPS * 0.032)).toBe(1);
    const slow = requiredCn0DbHz(5, 256e3);
    expect(flat).toContain(`C/N0 stays ${shown(bothJ, 2)} dB-Hz`);
    expect(flat).toContain(`at 256 kbit/s the terminal needs 5 + ${shown(slow - 5, 2)} = ${shown(slow, 2)} dB-Hz and stays down (margin ${shown(bothJ - slow, 1)} dB)`);
    expect(bothJ - slow).toBeLessThan(0);
    const slower = requiredCn0DbHz(5, 32e3);
    expect(flat).toContain(`at 32 kbit/s 5 + ${shown(slower - 5, 2)} = ${shown(slower, 2)} dB-Hz and gets through (margin ${shown(bothJ - slower, 1)} dB)`);
    expect(bothJ - slower).toBeGreaterThan(0);
    // Moving the carrier 10 MHz down clears the jammer's band (any offset of -6.2 MHz or less, or +16.2 MHz
    // or more): no uplink jamming, the clear-sky margin.
    expect(carrierShare(7.98, 20, 7.975 - 0.010)).toBe(0);
    expect(carrierShare(7.98, 20, 7.975 - 0.00621)).toBe(0);
    expect(carrierShare(7.98, 20, 7.975 - 0.00619)).toBeGreaterThan(0);
    expect(carrierShare(7.98, 20, 7.975 + 0.01621)).toBe(0);
    expect(carrierShare(7.98, 20, 7.975 + 0.01619)).toBeGreaterThan(0);
    expect(flat).toContain('`carrierOffsetMHz: -10` (7.9638-7.9662 GHz; any offset of -6.2 MHz or less, or +16.2 MHz or more, clears 7.97-7.99 GHz)');
    expect(flat).toContain(`the uplink carries no jamming and the margin stays ${shown(both - required, 2)} dB`);
    // The jammer reduction that just closes the 2 Mbit/s link: the uplink C/(N0 + J0) the budget needs.
    const upNeeded = -10 * Math.log10(10 ** (-required / 10) - 10 ** (-down / 10));
    const j0n0Max = 10 * Math.log10(10 ** ((up - upNeeded) / 10) - 1);
    expect(combineCn0DbHz(cOverN0PlusJ0DbHz(up, j0n0Max), down) - required).toBeCloseTo(0, 9);
    expect(flat).toContain(`the jammer would have to be ${shown(j0n0 - j0n0Max, 2)} dB weaker (J0/N0 over the carrier ${shown(j0n0Max, 2)} dB at most)`);

    // Downlink jamming at 15:00: baltic-airborne, 332.4 km, 61.20 dBW toward Vilnius, 62.8 deg off the dish's
    // axis; its 50 MHz at 7.675 GHz cover the whole carrier on the downlink (share 1; 0.4 of the transponder).
    const gOff = earthStationGainDbi(44, 62.8);
    const lfsA = freeSpaceLossDb(332.4, 7.675);
    const downShare = carrierShare(7.675, 50, 7.675);
    expect(downShare).toBe(1);
    expect(bandOverlapFraction(7.675, 50, 7.675, 125)).toBeCloseTo(0.4, 12);
    expect(flat).toContain(`share ${shown(downShare, 0)} (${shown(dbOf(downShare), 2)} dB), where the transponder's 125 MHz would give 0.4 (${shown(dbOf(0.4), 2)} dB)`);
    const j0d = 61.2 - 10 * Math.log10(50e6) + dbOf(downShare) - lfsA + (gOff - 44) + 20 + k;
    const downJ = cOverN0PlusJ0DbHz(down, j0d);
    const bothD = combineCn0DbHz(up, downJ);
    expect(flat).toContain(`(θ3dB ${shown(beamwidthFromGainDeg(20), 2)}°)`);
    expect(flat).toContain(`where S.465 gives ${gOff} dBi: ${44 - gOff} dB under the 44 dBi peak`);
    expect(flat).toContain(`L_fs(332.4 km, 7.675 GHz) = ${shown(lfsA, 2)} dB.`);
    expect(flat).toContain(`J0/N0 = 61.20 - ${shown(10 * Math.log10(50e6), 2)} ${term(dbOf(downShare))} - ${shown(lfsA, 2)} - ${44 - gOff} + 20 + ${shown(k, 2)} = ${shown(j0d, 2)} dB`);
    expect(flat).toContain(`downlink C/(N0 + J0) = ${shown(down, 2)} - ${shown(down - downJ, 2)} = ${shown(downJ, 2)} dB-Hz;`);
    expect(flat).toContain(`C/N0 = ${shown(bothD, 2)} dB-Hz; margin ${shown(bothD, 2)} - ${shown(required, 2)} = ${shown(bothD - required, 2)} dB`);

    // Antenna figures quoted in the jammers section.
    expect(flat).toContain(`(20 dBi: ${shown(beamwidthFromGainDeg(20), 2)}°; 45 dBi: ${shown(beamwidthFromGainDeg(45), 2)}°)`);
    expect(flat).toContain(`at most ${SPOT_BEAM_LOSS_DB_MAX} dB (the sidelobe level`);
  });

  it('jammer sidelobes, the radio horizon floor and the geolocation error', () => {
    // A 45 dBi jammer: 30 dB under the peak until the S.465 envelope falls below it, -10 dBi beyond 48 deg.
    const sidelobe = (gainDbi: number, offDeg: number) => Math.min(gainDbi - JAMMER_SIDELOBE_DB, itu465EnvelopeDbi(Math.max(offDeg, 1), 1));
    const crossDeg = 10 ** ((32 - (45 - JAMMER_SIDELOBE_DB)) / 25);
    expect(sidelobe(45, crossDeg - 0.01)).toBe(45 - JAMMER_SIDELOBE_DB);
    expect(sidelobe(45, crossDeg + 0.01)).toBeLessThan(45 - JAMMER_SIDELOBE_DB);
    expect(sidelobe(45, 60)).toBe(-10);
    expect(flat).toContain(`(45 dBi: ${JAMMER_SIDELOBE_DB} dB down only within ${shown(crossDeg, 1)}° of the boresight, ${45 - sidelobe(45, 60)} dB down beyond 48°)`);
    // At 20 dBi the 30 dB floor is the envelope's own floor: the pattern is as before the envelope.
    expect(sidelobe(20, 5)).toBe(20 - JAMMER_SIDELOBE_DB);
    expect(sidelobe(20, 90)).toBe(20 - JAMMER_SIDELOBE_DB);
    expect(flat).toContain(`at 20 dBi the ${JAMMER_SIDELOBE_DB} dB floor, ${20 - JAMMER_SIDELOBE_DB} dBi, is the envelope's own floor`);
    expect(flat).toContain(`as at least ${ANTENNA_HEIGHT_M_MIN} m: \`altM: 0\` counts as ${ANTENNA_HEIGHT_M_MIN} m`);

    // The geolocation error: Gaussian, sigma per ground axis, so the miss distance is Rayleigh.
    const sigma = GEOLOCATION_SIGMA_KM;
    const beyond = (km: number) => Math.exp(-(km ** 2) / (2 * sigma ** 2));
    expect(flat).toContain(`Gaussian error of ${sigma} km 1-sigma on each ground axis`);
    expect(flat).toContain(`\`uncertaintyKm: ${sigma}\``);
    expect(flat).toContain(`for ${GEOLOCATION_TICKS_MS / 60_000} consecutive minutes`);
    expect(flat).toContain(`its distance averages ${shown(sigma * Math.sqrt(Math.PI / 2), 1)} km, exceeds 21.5 km one time in ${Math.round(1 / beyond(21.5))} and 30 km about one time in ${Math.round(1 / beyond(30) / 10) * 10}`);
    // satcom-jamming.yaml: the jammer at 54.71 N 20.51 E reported at 54.883 N 20.357 E.
    const R = 6371;
    const north = (54.883 - 54.71) * DEG * R;
    const east = (20.357 - 20.51) * DEG * R * Math.cos(54.71 * DEG);
    const miss = Math.hypot(north, east);
    expect(flat).toContain(`\`EMITTER-USA-01\` at 54.883 N 20.357 E, about ${shown(miss, 0)} km off (${shown(north, 0)} km north, ${shown(-east, 0)} km west)`);
    expect(Math.round(1 / beyond(miss))).toBe(10);
  });

  it('radio horizon and GNSS J/S (gnss-denial.yaml)', () => {
    const horizon = (h1: number, h2: number) => 4.12 * (Math.sqrt(h1) + Math.sqrt(h2));
    expect(flat).toContain(`A 100 m mast reaches a receiver at 2 m to ${shown(horizon(100, 2), 1)} km and an aircraft at 10,000 m to ${shown(horizon(100, 10_000), 1)} km; an aircraft at 8,000 m reaches a terminal at 120 m to ${shown(horizon(8000, 120), 1)} km.`);
    const d = horizon(100, 10_000);
    const lines = CONSTELLATIONS.map((c) => {
      const s = SIGNALS[c];
      const share = signalOverlapFraction(1575.42, 10, c);
      const lfs = freeSpaceLossDb(d, s.centreFrequencyMHz / 1000);
      return { c, share, shareDb: 10 * Math.log10(share), lfs, js: 30 + 10 * Math.log10(share) - lfs - s.minReceivedPowerDbw, s: s.minReceivedPowerDbw };
    });
    const [gps, galileo, glonass, beidou] = lines;
    expect(glonass.share).toBe(0);
    expect(beidou.share).toBe(0);
    expect(flat).toContain(`L_fs(${shown(d, 1)} km, 1575.42 MHz) = ${shown(gps.lfs, 2)} dB`);
    expect(flat).toContain(`GPS: share 2.046 / 10 = ${shown(gps.share, 4)} (${shown(gps.shareDb, 2)} dB); J/S = 30 - ${shown(-gps.shareDb, 2)} - ${shown(gps.lfs, 2)} + 0 + ${-gps.s} = ${shown(gps.js, 2)} dB`);
    expect(flat).toContain(`deny GPS to ${(Math.round((d * 10 ** ((gps.js - 24) / 20)) / 10) * 10).toLocaleString('en-US')} km`);
    expect(flat).toContain(`Galileo: share 4.092 / 10 = ${shown(galileo.share, 4)} (${shown(galileo.shareDb, 2)} dB); J/S = 30 - ${shown(-galileo.shareDb, 2)} - ${shown(galileo.lfs, 2)} + ${-galileo.s} = ${shown(galileo.js, 2)} dB`);
    // The CRPA receiver against the airborne jammer at 350 km.
    const share = signalOverlapFraction(1575.42, 20, 'GPS');
    const lfs350 = freeSpaceLossDb(350, 1.57542);
    const js = 25 + 10 * Math.log10(share) - lfs350 - 20 + 158.5;
    expect(flat).toContain(`share ${shown(share, 4)}, ${shown(10 * Math.log10(share), 2)} dB) at 350 km, L_fs = ${shown(lfs350, 2)} dB, has J/S = 25 - ${shown(-10 * Math.log10(share), 2)} - ${shown(lfs350, 2)} - 20 + 158.5 = ${shown(js, 2)} dB`);
    expect(flat).toContain(`a plain receiver there would have ${shown(js + 20, 2)} dB`);
    // The signal table: every constellation's power and band.
    for (const c of CONSTELLATIONS) expect(doc).toMatch(new RegExp(`^\\| \`${c}\` \\| ${SIGNALS[c].signal.replace(/[()+]/g, '\\$&')}.*\\| ${SIGNALS[c].minReceivedPowerDbw} \\|`, 'm'));
    expect(flat).toMatch(new RegExp(`at most ${RECEIVER_POINTS_MAX.toLocaleString('en-US')}\\s+points`));
  });

  it('what sharing does to a track', () => {
    const s1 = Math.sqrt(1 + 2 ** 2 + 10 ** 2 / 12);
    const s2 = s1 + (2 * 5) / 60;
    expect(doc).toContain(`= ${shown(s1, 2)} km;`);
    expect(doc).toContain(`= ${shown(s2, 2)} km on arrival`);
    expect(doc).toContain(`= ${shown(1 / Math.sqrt(1 / 64 + 1 / s2 ** 2), 2)} km`);
    expect(doc).toContain(`= ${shown((10 - s2) / 2, 1)} hours`);
  });
});
