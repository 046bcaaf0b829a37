/**
 * `npm run bench`: how fast the engine steps the 2026-03 catalog compared with bare satellite.js, how
 * long start-up takes, what sensing costs per sensor-object pair with 20 sensors, and what SATCOM links
 * and GNSS fixes cost per pair with 200 terminals and 500 receiver points, what one conjunction screening
 * pass over 50,000 objects and one breakup (2,000 kg, ~1,565 fragments) cost, and how fast `vigil batch`
 * runs the catalog scenario on 1 and 2 workers and what 100 runs cost against one (the commands as an
 * analyst runs them, batch-cli.ts; then pools in one process with a run's time broken down, batch.ts). Prints ratios
 * measured side by side in one process (never absolute-time asserts: the machine is shared and noisy), a
 * breakdown per system, cold start-up from fresh processes, and writes everything to
 * bench/results/latest.json.
 *
 * Knobs (environment): BENCH_ROUNDS (default 30), BENCH_TICKS ticks per round (10), BENCH_WARMUP (2),
 * BENCH_BREAKDOWN rounds (10), BENCH_CHILDREN cold start-up processes per mode (5), BENCH_SENSE_ROUNDS (30),
 * BENCH_SENSE_CALLS sense() calls per sample (10), BENCH_SENSE_EACH rounds of each sensor alone (10),
 * BENCH_EW_ROUNDS (30), BENCH_EW_CALLS satcomLinks/pntFixes calls per sample (20), BENCH_EW_TICKS step()
 * calls per sample (10), BENCH_EW_EACH rounds of each receiver alone (10), BENCH_SCREEN_ROUNDS (5),
 * BENCH_BREAKUP_ROUNDS breakups (7, plus one warm-up), BENCH_BATCH_RUNS runs per batch (12; quick 4),
 * BENCH_BATCH_ROUNDS (1), BENCH_BATCH_BREAKDOWN runs replicated in-thread with each part timed
 * (3; quick 1), BENCH_QUICK=1 (a smoke run with few rounds).
 */
import { benchScreening, formatScreening } from './screening.js';
import { benchBreakupInChild, formatBreakup } from './breakup.js';
import { formatBatch, measureBatchInChild } from './batch.js';
import { formatBatchCli, measureBatchCli } from './batch-cli.js';
import { formatServe, measureServeInChild } from './serve.js';
import { benchBrowser, formatBrowser } from './browser.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { loadScenarioFile } from '../scenarios/load.js';
import { CATALOG_SCENARIO, REPO_ROOT, RESULTS_DIR } from './paths.js';
import { EW_RECEIVER_POINTS, EW_TERMINALS, EW_VARIANTS, measureEwInChild, type EwResult } from './ew.js';
import { measureSensorsInChild, SENSE_VARIANTS, type SensorsResult } from './sensors.js';
import { measureStartup, type StartupResult } from './startup.js';
import { fixed, ratioText, table, type Spread } from './stats.js';
import { measureStepping, sinkValue, VARIANT_KEYS, type SteppingResult } from './stepping.js';

const JS_OVERHEAD_TARGET = 1.15;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a whole number, got ${v}`);
  return n;
}

const log = (s: string): void => void process.stderr.write(`${s}\n`);
const ms = (s: Spread, d = 1): string => `${fixed(s.median, d)} ms`;

function printStepping(s: SteppingResult): string[] {
  const out: string[] = [];
  out.push(`1-2. STEPPING: ${s.objects.toLocaleString('en-US')} objects, step ${s.stepMs / 1000} s, ticks ${s.firstTick}-${s.lastTick} (both phases), ` +
    `${s.config.rounds} rounds x ${s.config.ticksPerRound} ticks (+${s.config.warmupRounds} warm-up), variants interleaved, medians`);
  out.push('');
  const rows = VARIANT_KEYS.map((k) => {
    const v = s.variants[k];
    const vsBare = k === 'bare-js' ? '1.00x' : k === 'engine-radar' || k === 'hash-only' ? '' : ratioText(s.ratios[`${k} / bare-js`]);
    return [v.label, fixed(v.msPerTick.median, 2), `${fixed(v.msPerTick.p25, 2)}-${fixed(v.msPerTick.p75, 2)}`, fixed(v.nsPerObjectStep.median, 0), vsBare];
  });
  out.push(table(['variant', 'ms/tick', 'IQR', 'ns/obj-step', 'vs bare JS [IQR]'], rows));
  out.push('');
  const js = s.ratios['engine-js / bare-js'];
  out.push(`engine overhead ('js' engine vs bare sgp4 loop): ${ratioText(js)}  target <= ${JS_OVERHEAD_TARGET}x: ${js.median <= JS_OVERHEAD_TARGET ? 'MET' : 'NOT MET'}`);
  out.push(`WASM gain (engine 'wasm' vs bare JS loop):        ${ratioText(s.ratios['engine-wasm / bare-js'])}  (< 1 is faster)`);
  out.push(`BulkPropagator 1 date/call vs bare JS loop:       ${ratioText(s.ratios['bulk-wasm / bare-js'])}  -> WASM ${s.ratios['bulk-wasm / bare-js'].median < 1 ? 'IS' : 'is NOT'} faster one tick at a time`);
  out.push(`engine 'wasm' vs raw BulkPropagator:              ${ratioText(s.ratios['engine-wasm / bulk-wasm'])}`);
  out.push(`engine 'js' vs engine 'wasm':                     ${ratioText(s.ratios['engine-js / engine-wasm'])}`);
  const h = s.variants['hash-only'];
  out.push(`stateHash alone: ${fixed(h.msPerTick.median, 3)} ms/tick (${fixed(h.nsPerObjectStep.median, 1)} ns/object), ` +
    `${fixed(s.ratios['hash-only / engine-wasm'].median * 100, 1)}% of an engine 'wasm' tick`);
  out.push(`radars (${s.radars}): step+hash with radars / without: ${ratioText(s.ratios['engine-radar / engine-wasm'])}; ` +
    `detection ${fixed(s.radar.nsPerPairFromSystem, 2)} ns per radar-object pair (sense timed alone), ` +
    `${fixed(s.radar.nsPerPairFromStepDiff.median, 2)} ns (difference of the two steps, so sense + fuseOwn + share + scoreCustody, IQR ` +
    `${fixed(s.radar.nsPerPairFromStepDiff.p25, 2)}-${fixed(s.radar.nsPerPairFromStepDiff.p75, 2)})`);
  out.push(`SGP4 failures at the last tick (bare loop): ${s.sgp4FailuresLastTick}`);
  out.push('');
  out.push(`BREAKDOWN: ms per tick of each part, each system of the SCHEDULE timed alone (median of ${s.config.breakdownRounds} rounds x ${s.config.ticksPerRound} ticks).`);
  out.push("'backend run' is the propagator's own run() for the same tick: propagateOrbits minus it = copying into the components.");
  const cols = ['bare loop', 'applyInjects', 'propagateOrbits', 'backend run', 'earthFixed', 'sense', 'fuseOwn', 'share', 'scoreCustody', 'stateHash'];
  for (const b of s.breakdown) for (const k of Object.keys(b.msPerTick)) if (!cols.includes(k)) cols.push(k);
  const bdRows = s.breakdown.map((b) => {
    const sum = Object.entries(b.msPerTick).filter(([k]) => k !== 'backend run').reduce((a, [, v]) => a + v, 0);
    return [b.sim, ...cols.map((c) => (b.msPerTick[c] === undefined ? '' : fixed(b.msPerTick[c], 3))), fixed(sum, 2)];
  });
  out.push(table(['sim', ...cols, 'sum'], bdRows));
  const jsRow = s.breakdown.find((b) => b.sim === "engine, 'js'");
  const bareRow = s.breakdown[0];
  if (jsRow && bareRow) {
    const m = jsRow.msPerTick;
    const bareMs = bareRow.msPerTick['bare loop'];
    const ns = (x: number): string => `${fixed((x * 1e6) / jsRow.objects, 1)} ns/obj`;
    out.push(`'js' engine over the bare loop, per part: propagateOrbits - bare loop = ${ns(m.propagateOrbits - bareMs)} ` +
      `(backend writes + copy into components; GC of sgp4's result objects lands on either side, so trust the 'wasm' row for the copy), ` +
      `earthFixed = ${ns(m.earthFixed)}, stateHash = ${ns(m.stateHash)}, applyInjects = ${ns(m.applyInjects)}`);
  }
  out.push(`backend reload (every satrec re-uploaded, as refreshOrder does when objects are added or half the slots have died; satrecs already built): ` +
    `wasm ${ms(s.reloadMs.wasm)}, js ${ms(s.reloadMs.js, 2)}`);
  return out;
}

function printStartup(st: StartupResult): string[] {
  const p = st.parts;
  const rows = [
    ['(a) loadScenarioFile (YAML + TLE/owners parse + checks)', ms(st.loadScenarioMs, 0), `${fixed(st.loadScenarioMs.min, 0)}-${fixed(st.loadScenarioMs.max, 0)}`],
    ['(b) createSim (satrecs + WASM load + upload + tick 0)', ms(st.createSimMs, 0), `${fixed(st.createSimMs.min, 0)}-${fixed(st.createSimMs.max, 0)}`],
    ['    of which satrec init (satrecFrom x objects)', ms(p.satrecInitMs, 0), `${fixed(p.satrecInitMs.min, 0)}-${fixed(p.satrecInitMs.max, 0)}`],
    ['    of which WASM instantiate', ms(p.wasmInstantiateMs, 0), `${fixed(p.wasmInstantiateMs.min, 0)}-${fixed(p.wasmInstantiateMs.max, 0)}`],
    ['    (library) satrec upload via BulkPropagator.setSatRecs', ms(p.wasmUploadMs, 0), `${fixed(p.wasmUploadMs.min, 0)}-${fixed(p.wasmUploadMs.max, 0)}`],
    ['parse + init = (a) + (b), first run (orbits prepared)', ms(st.parseInitMs, 0), `${fixed(st.parseInitMs.min, 0)}-${fixed(st.parseInitMs.max, 0)}`],
    ['(b) createSim from the orbit cache (a later vigil run)', ms(st.cached.createSimMs, 0), `${fixed(st.cached.createSimMs.min, 0)}-${fixed(st.cached.createSimMs.max, 0)}`],
    [`parse + init, later runs (cache hits: ${st.cached.hits}/${st.children})`, ms(st.cached.parseInitMs, 0), `${fixed(st.cached.parseInitMs.min, 0)}-${fixed(st.cached.parseInitMs.max, 0)}`],
    ["(compare) createSim, propagator 'js'", ms(st.js.createSimMs, 0), `${fixed(st.js.createSimMs.min, 0)}-${fixed(st.js.createSimMs.max, 0)}`],
    ["(compare) parse + init, propagator 'js'", ms(st.js.parseInitMs, 0), `${fixed(st.js.parseInitMs.min, 0)}-${fixed(st.js.parseInitMs.max, 0)}`],
    ['(context) import loader modules (yaml, zod, ...)', ms(st.importLoaderMs, 0), `${fixed(st.importLoaderMs.min, 0)}-${fixed(st.importLoaderMs.max, 0)}`],
    ['(context) import engine modules (bitecs, satellite.js)', ms(st.importEngineMs, 0), `${fixed(st.importEngineMs.min, 0)}-${fixed(st.importEngineMs.max, 0)}`],
    ['(context) whole child process, spawn to exit', ms(st.processWallMs, 0), `${fixed(st.processWallMs.min, 0)}-${fixed(st.processWallMs.max, 0)}`],
  ];
  return [
    `3. START-UP, cold: ${st.objects.toLocaleString('en-US')} objects, each sample a fresh node process, median of ${st.children} ` +
      `(the 'of which' parts and the 'js' comparison: ${st.children} other processes each)`,
    '',
    table(['', 'median', 'min-max'], rows),
    '',
    `target: parse + init < ${st.targetMs} ms on a later run: ${st.targetMet ? 'MET' : `NOT MET (${fixed(st.cached.parseInitMs.median / st.targetMs, 2)}x the target)`}; ` +
      `first run ${fixed(st.parseInitMs.median, 0)} ms (${fixed(st.parseInitMs.median / st.targetMs, 2)}x the target)`,
  ];
}

function printSensors(x: SensorsResult): string[] {
  const out: string[] = [];
  const c = x.config;
  out.push(`4. SENSING: the sense system alone, ${x.sensors} sensors x ${x.objects.toLocaleString('en-US')} objects at tick ${x.tick} (${x.utc}), ` +
    `${c.rounds} rounds x ${c.callsPerSample} calls (+${c.warmupRounds} warm-up), variants interleaved, medians`);
  out.push(`telescopes at this tick: ${x.telescopes.map((t) => `${t.id} ${t.dark ? 'dark' : 'IN DAYLIGHT/TWILIGHT'} (Sun ${fixed(t.sunElevationDeg, 1)} deg)`).join(', ')}`);
  out.push('');
  const all = x.variants.all.msPerCall.median;
  const rows = SENSE_VARIANTS.map((k) => {
    const v = x.variants[k];
    return [v.label, String(v.sensors.length), fixed(v.msPerCall.median, 3), k === 'all' ? '' : `${fixed((100 * v.msPerCall.median) / all, 0)}%`,
      fixed(v.nsPerPair.median, 2), `${fixed(v.nsPerPair.p25, 2)}-${fixed(v.nsPerPair.p75, 2)}`, fixed(v.bareNsPerPair.median, 2), ratioText(v.ratioToBare),
      v.inView.toLocaleString('en-US'), v.observations.toLocaleString('en-US')];
  });
  out.push(table(['sensors', 'n', 'ms/call', 'of all', 'ns/pair', 'IQR', 'bare ns/pair', 'sense / bare [IQR]', 'in view', 'observations'], rows));
  out.push('');
  const a = x.variants.all.nsPerPair.median;
  const dark = x.telescopes.filter((t) => t.dark).length;
  out.push(`target: < ${x.targetNsPerPair} ns per sensor-object pair, all ${x.sensors} sensors: ${x.targetMet ? 'MET' : `NOT MET (${fixed(a / x.targetNsPerPair, 2)}x the target)`}, ${fixed(a, 2)} ns/pair`);
  if (dark < x.telescopes.length) {
    out.push(`  ${x.telescopes.length - dark} telescope(s) in daylight return at once but count in the ${x.sensors}; over the ${x.sensors - (x.telescopes.length - dark)} sensors that looked: ` +
      `${fixed(x.allNsPerLookingPair.median, 2)} ns/pair. The optical row is over the ${dark} telescopes in darkness only.`);
  }
  out.push("  bare loop: per pair only the vector to the object and one dot product with the sensor's local vertical (site up, ECEF; host radial, TEME), " +
    'counted when >= 0, over packed copies of the same positions: the floor any field-of-view test pays');
  out.push('');
  out.push(`EACH SENSOR ALONE: ns per object (median of ${c.perSensorRounds} rounds x ${c.callsPerSample} calls, interleaved)`);
  out.push(table(['sensor', 'kind', '', 'ns/pair', 'in view', 'observations'],
    x.perSensor.map((r) => [r.id, r.kind, r.note, fixed(r.nsPerPair, 2), r.inView.toLocaleString('en-US'), r.observations.toLocaleString('en-US')])));
  return out;
}

function printEw(x: EwResult): string[] {
  const out: string[] = [];
  const c = x.config;
  const n = x.counts;
  const st = x.state;
  const gnss = Object.entries(n.gnssByConstellation).map(([k, v]) => `${k} ${v}`).join(', ');
  out.push(`5. EW AND PNT: ${n.terminals} terminals, ${n.transponders} transponders on ${n.geoSatellites} GEO satellites, ${n.jammers} jammers, ` +
    `${n.receiverPoints} receiver points (${n.receivers} receivers) x ${n.gnssSatellites} GNSS satellites (${gnss}), at tick ${x.tick} (${x.utc}); ` +
    `${c.rounds} rounds x ${c.callsPerSample} calls, stepping ${c.ticksPerRound} ticks per sample (+${c.warmupRounds} warm-up), variants interleaved, medians`);
  out.push(`links: ${st.terminalsUp} up, ${st.terminalsDown} down (${st.terminalsDownJammed} of them jammed), ${st.terminalsJammed} jammed in all; ` +
    `without jammers ${st.noJam.terminalsUp} up. Uplinks jammed at the satellite: ${st.uplinkJammed.map((u) => `${u.transponder} J0/N0 ${fixed(u.j0OverN0Db, 1)} dB`).join(', ') || 'none'}`);
  if (n.thinned.length > 0) out.push(`gnss-denial's receivers thinned evenly to fit ${n.receiverPoints} points: ${n.thinned.map((t) => `${t.id} ${t.kept} of ${t.of}`).join(', ')}`);
  out.push(`fixes: ${st.pointsWithFix} of ${n.receiverPoints} points (${st.pointsJammed} points with a constellation jammed); without jammers ${st.noJam.pointsWithFix}`);
  out.push(`terminal-transponder pairs: ${n.preferencePairs} in the preference lists, ${n.consideredPairs} considered (up to the one taken, all when down), ` +
    `${n.budgetPairs} with a link budget worked (access, above the mask); point-satellite pairs ${n.pntPairs.toLocaleString('en-US')}`);
  out.push('');
  const rows = EW_VARIANTS.map((k) => {
    const v = x.variants[k];
    const stepping = k.startsWith('step');
    const unit = stepping ? '' : k.includes('satcom') ? 'terminal' : 'point';
    return [v.label, fixed(v.msPerCall.median, 4), `${fixed(v.msPerCall.p25, 4)}-${fixed(v.msPerCall.p75, 4)}`,
      v.nsPerPair ? fixed(v.nsPerPair.median, 2) : '', v.nsPerPair ? `${fixed(v.nsPerPair.p25, 2)}-${fixed(v.nsPerPair.p75, 2)}` : '',
      v.nsPerUnit ? `${fixed(v.nsPerUnit.median, 0)} /${unit}` : ''];
  });
  out.push(table(['variant', 'ms/call (tick)', 'IQR', 'ns/pair', 'IQR', 'ns per'], rows));
  out.push('');
  const r = x.ratios;
  out.push(`satcomLinks / bare loop (range + elevation, same pairs): ${ratioText(r['satcom / bare-satcom'])}; with jammers / without: ${ratioText(r['satcom / satcom-nojam'])}`);
  out.push(`pntFixes / bare loop (elevation test, every point x satellite): ${ratioText(r['pnt / bare-pnt'])}; with jammers / without: ${ratioText(r['pnt / pnt-nojam'])} ` +
    '(jammed constellations are not solved, so this is not the jamming path alone)');
  out.push(`step with EW / without: ${ratioText(r['step-ew / step-noew'])}; EW's share of a tick ${fixed(100 * r['ew share of step'].median, 1)}% ` +
    `[${fixed(100 * r['ew share of step'].p25, 1)}-${fixed(100 * r['ew share of step'].p75, 1)}]; satcomLinks + pntFixes alone = ` +
    `${fixed(100 * r['(satcom + pnt) / step-ew'].median, 1)}% of the EW tick`);
  out.push('');
  out.push(`EACH RECEIVER ALONE: pntFixes on a sim holding that receiver only (median of ${c.perReceiverRounds} rounds x ${c.callsPerSample} calls, interleaved)`);
  out.push(table(['receiver', 'mode', 'constellations', 'points', 'ms/call', 'ns/pair', 'bare ns/pair', 'pnt / bare', 'fix', 'jammed'],
    x.perReceiver.map((p) => [p.id, p.mode, p.constellations.join('+'), String(p.points), fixed(p.msPerCall, 4), fixed(p.nsPerPair, 2),
      fixed(p.bareNsPerPair, 2), `${fixed(p.ratioToBare, 2)}x`, String(p.pointsWithFix), String(p.pointsJammed)])));
  return out;
}

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const config = {
    rounds: envInt('BENCH_ROUNDS', quick ? 4 : 30),
    warmupRounds: envInt('BENCH_WARMUP', quick ? 1 : 2),
    ticksPerRound: Math.max(1, envInt('BENCH_TICKS', quick ? 3 : 10)),
    breakdownRounds: envInt('BENCH_BREAKDOWN', quick ? 2 : 10),
  };
  const children = Math.max(1, envInt('BENCH_CHILDREN', quick ? 2 : 5));
  const senseConfig = {
    rounds: envInt('BENCH_SENSE_ROUNDS', quick ? 4 : 30),
    warmupRounds: config.warmupRounds,
    callsPerSample: Math.max(1, envInt('BENCH_SENSE_CALLS', quick ? 2 : 10)),
    perSensorRounds: envInt('BENCH_SENSE_EACH', quick ? 2 : 10),
  };
  const ewConfig = {
    rounds: envInt('BENCH_EW_ROUNDS', quick ? 4 : 30),
    warmupRounds: config.warmupRounds,
    callsPerSample: Math.max(1, envInt('BENCH_EW_CALLS', quick ? 2 : 20)),
    ticksPerRound: Math.max(1, envInt('BENCH_EW_TICKS', quick ? 2 : 10)),
    perReceiverRounds: envInt('BENCH_EW_EACH', quick ? 2 : 10),
  };
  const started = new Date();
  const load0 = loadavg();
  const t0 = performance.now();
  log(`vigil bench: ${relative(REPO_ROOT, CATALOG_SCENARIO)}`);

  log('start-up (cold, fresh processes)...');
  const startup = measureStartup(CATALOG_SCENARIO, children, log);

  log('loading the scenario for stepping...');
  const loaded = loadScenarioFile(CATALOG_SCENARIO);
  if (!loaded.ok) throw new Error(`catalog scenario did not load: ${loaded.value.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  log('stepping (interleaved rounds)...');
  const stepping = await measureStepping(loaded.value.model, config, log);
  log('sensing (20 sensors, interleaved rounds, in a fresh process)...');
  const sensors = measureSensorsInChild(CATALOG_SCENARIO, senseConfig);
  log(`EW and PNT (${EW_TERMINALS} terminals, ${EW_RECEIVER_POINTS} receiver points, interleaved rounds, in a fresh process)...`);
  const ew = measureEwInChild(ewConfig);
  log('conjunction screening (50,000 objects, one pass)...');
  const screening = benchScreening({ rounds: process.env.BENCH_QUICK === '1' ? 2 : Number(process.env.BENCH_SCREEN_ROUNDS ?? 5) });
  log('breakup (Cosmos 1408 preset on the catalog sim, in a fresh process)...');
  const breakup = benchBreakupInChild(quick ? 2 : envInt('BENCH_BREAKUP_ROUNDS', 7));
  const batchConfig = {
    runs: Math.max(2, envInt('BENCH_BATCH_RUNS', quick ? 4 : 12)),
    rounds: Math.max(1, envInt('BENCH_BATCH_ROUNDS', 1)),
    breakdownRuns: Math.max(1, envInt('BENCH_BATCH_BREAKDOWN', quick ? 1 : 3)),
  };
  log('vigil batch as run (one run, 100 runs on 1 and 2 workers, each a fresh process)...');
  const batchCli = await measureBatchCli({ oneRunSamples: quick ? 1 : 3, perRunRuns: quick ? 4 : 12 }, log);
  log(`batch in one process (${batchConfig.runs} runs of the catalog scenario on 1 and 2 workers, ${batchConfig.rounds} round(s), in a fresh process)...`);
  const batch = measureBatchInChild(batchConfig);
  const serveWindowS = quick ? 6 : envInt('BENCH_SERVE_S', 20);
  log(`live server (one white and ten nation cells at 5 Hz on the catalog scenario, ${serveWindowS} s, in a fresh process)...`);
  const serve = measureServeInChild(serveWindowS, quick ? 2 : 5);
  log('viewer frame time (Chromium, software WebGL, the catalog scenario)...');
  const browserFrames = await benchBrowser(quick ? 5 : envInt('BENCH_BROWSER_S', 15), quick ? 2 : 5);
  const load1 = loadavg();

  const s = stepping;
  const st = startup;
  const sharedBatch = batch.variants.find((v) => v.key === 'shared') ?? batch.variants[0];
  const perRunBatch = batch.variants.find((v) => v.key === 'per-run') ?? batch.variants[0];
  const summary = {
    engineJsOverVsBare: s.ratios['engine-js / bare-js'].median,
    engineJsOverheadTarget: JS_OVERHEAD_TARGET,
    engineJsOverheadTargetMet: s.ratios['engine-js / bare-js'].median <= JS_OVERHEAD_TARGET,
    engineWasmVsBare: s.ratios['engine-wasm / bare-js'].median,
    bulkWasmVsBare: s.ratios['bulk-wasm / bare-js'].median,
    nsPerObjectStep: Object.fromEntries(VARIANT_KEYS.map((k) => [k, s.variants[k].nsPerObjectStep.median])),
    stateHashMsPerTick: s.variants['hash-only'].msPerTick.median,
    radarNsPerPair: s.radar.nsPerPairFromSystem,
    senseNsPerPair: Object.fromEntries(SENSE_VARIANTS.map((k) => [k, sensors.variants[k].nsPerPair.median])),
    senseVsBare: Object.fromEntries(SENSE_VARIANTS.map((k) => [k, sensors.variants[k].ratioToBare.median])),
    senseTargetNsPerPair: sensors.targetNsPerPair,
    senseTargetMet: sensors.targetMet,
    satcomNsPerPair: ew.variants.satcom.nsPerPair?.median ?? null,
    satcomNsPerTerminal: ew.variants.satcom.nsPerUnit?.median ?? null,
    satcomVsBare: ew.ratios['satcom / bare-satcom'].median,
    pntNsPerPair: ew.variants.pnt.nsPerPair?.median ?? null,
    pntVsBare: ew.ratios['pnt / bare-pnt'].median,
    ewShareOfStep: ew.ratios['ew share of step'].median,
    startupParseInitMs: st.cached.parseInitMs.median,
    startupFirstRunParseInitMs: st.parseInitMs.median,
    startupTargetMs: st.targetMs,
    startupTargetMet: st.targetMet,
    screeningMs: screening.msPerScreen,
    screeningRatioToTarget: screening.ratioToTarget,
    screeningTargetMet: screening.targetMet,
    breakupMs: breakup.msBreakUp.median,
    breakupRatioToTarget: breakup.ratioToTarget.median,
    breakupWithNextStepMs: breakup.msTotal.median,
    breakupTargetMet: breakup.targetMet,
    batchCliOneRunS: batchCli.oneRunMedianS,
    batchCliRuns: batchCli.runs,
    batchCliRunsPerS1Worker: batchCli.runs / batchCli.shared1.wallS,
    batchCliRunsPerS2Workers: batchCli.runs / batchCli.shared2.wallS,
    // End to end, 100 runs (the measure of earlier results files); the target is judged once running.
    batchCliScaling: batchCli.scaling,
    batchCliRunningRunsPerS1Worker: batchCli.running.one,
    batchCliRunningRunsPerS2Workers: batchCli.running.two,
    batchCliScalingRunning: batchCli.running.scaling,
    batchCliScalingTargetMet: batchCli.running.scaling >= batchCli.scalingTarget,
    batchCliCostRatio: batchCli.costRatio,
    batchCliCostTargetMet: batchCli.costRatio < batchCli.costTarget,
    batchCliOutputsIdentical: batchCli.outputsIdentical,
    batchCliNoShareProjected100: (batchCli.oneRunMedianS + (batchCli.runs - 1) * batchCli.perRunMarginalS) / batchCli.oneRunMedianS,
    batchCliSingleThreadedScaling: batchCli.singleThreaded.scaling,
    referenceAluScaling: batchCli.reference.alu.scaling,
    referenceMemoryScaling: batchCli.reference.memory.scaling,
    batchVariant: sharedBatch.key,
    batchPerRunRunsPerS1Worker: perRunBatch.oneWorker.runsPerS.median,
    batchPerRunCostRatio: perRunBatch.costRatio.median,
    batchPerRunProjected100: perRunBatch.projected100,
    batchRunsPerS1Worker: sharedBatch.oneWorker.runsPerS.median,
    batchRunsPerS2Workers: sharedBatch.twoWorkers.runsPerS.median,
    batchScaling: sharedBatch.scaling.median,
    batchScalingTarget: batch.scalingTarget,
    batchScalingTargetMet: sharedBatch.scaling.median >= batch.scalingTarget,
    batchCoresUsed2Workers: sharedBatch.twoWorkers.coresUsed.median,
    batchCpuBoundScalingEstimate: sharedBatch.cpuBoundScaling.median,
    batchRuns: batch.config.runs,
    batchCostRatio: sharedBatch.costRatio.median,
    batchProjected100: sharedBatch.projected100,
    batchProjected100SharedSgp4: sharedBatch.projected100SharedSgp4,
    batchCostTargetMet: sharedBatch.projected100 < batch.costTarget.ratio,
    batchSgp4Share: batch.shares.sgp4,
    serveMsPerFrame: serve.serverMsPerFrame,
    serveFramesVsStep: serve.framesVsStep,
    serveBytesPerFrameWhite: serve.cells[0]?.bytesPerFrame ?? null,
    viewerFrameWorkMsWhite: browserFrames.views.find((v) => v.cell === 'white')?.workMs ?? null,
    viewerFrameIntervalMsWhite: browserFrames.views.find((v) => v.cell === 'white')?.intervalMs ?? null,
    serveBytesPerFrameNationMean: serve.cells.slice(1).reduce((a, c) => a + c.bytesPerFrame, 0) / Math.max(1, serve.cells.length - 1),
  };

  const lines: string[] = [];
  lines.push('');
  lines.push(`Vigil bench, ${started.toISOString()}: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ` +
    `load average ${load0[0].toFixed(2)} -> ${load1[0].toFixed(2)}`);
  lines.push('');
  lines.push(...printStepping(s));
  lines.push('');
  lines.push(...printStartup(st));
  lines.push('');
  lines.push(...printSensors(sensors));
  lines.push('');
  lines.push(...printEw(ew));
  lines.push('');
  lines.push(...formatScreening(screening));
  lines.push('');
  lines.push(...formatBreakup(breakup));
  lines.push('');
  lines.push(...formatBatchCli(batchCli));
  lines.push('');
  lines.push(...formatBatch(batch));
  lines.push('');
  lines.push(...formatServe(serve));
  lines.push('');
  lines.push(...formatBrowser(browserFrames));
  lines.push('');
  lines.push('SUMMARY');
  lines.push(`  engine 'js'   vs bare sgp4 loop : ${fixed(summary.engineJsOverVsBare, 2)}x  (engine overhead; target <= ${JS_OVERHEAD_TARGET}x: ${summary.engineJsOverheadTargetMet ? 'MET' : 'NOT MET'})`);
  lines.push(`  engine 'wasm' vs bare sgp4 loop : ${fixed(summary.engineWasmVsBare, 2)}x  (${fixed(1 / summary.engineWasmVsBare, 2)}x faster)`);
  lines.push(`  BulkPropagator vs bare sgp4 loop: ${fixed(summary.bulkWasmVsBare, 2)}x  (${fixed(1 / summary.bulkWasmVsBare, 2)}x faster, one date per call)`);
  lines.push(`  ns/object-step: bare ${fixed(summary.nsPerObjectStep['bare-js'], 0)}, bulk ${fixed(summary.nsPerObjectStep['bulk-wasm'], 0)}, ` +
    `engine wasm ${fixed(summary.nsPerObjectStep['engine-wasm'], 0)}, engine js ${fixed(summary.nsPerObjectStep['engine-js'], 0)}`);
  lines.push(`  stateHash ${fixed(summary.stateHashMsPerTick, 3)} ms/tick; radar detection ${fixed(summary.radarNsPerPair, 2)} ns per radar-object pair`);
  const sv = summary.senseNsPerPair;
  lines.push(`  sense, ${sensors.sensors} sensors: ${fixed(sv.all, 2)} ns per sensor-object pair (target < ${sensors.targetNsPerPair} ns: ${sensors.targetMet ? 'MET' : 'NOT MET'}), ` +
    `${fixed(summary.senseVsBare.all, 2)}x the bare loop; radars ${fixed(sv.radar, 2)}, telescopes in darkness ${fixed(sv['optical-dark'], 2)}, space ${fixed(sv.space, 2)} ns/pair`);
  lines.push(`  EW: satcomLinks ${fixed(summary.satcomNsPerPair ?? NaN, 0)} ns per terminal-transponder pair considered (${fixed(summary.satcomNsPerTerminal ?? NaN, 0)} ns/terminal), ` +
    `${fixed(summary.satcomVsBare, 1)}x the bare range+elevation loop; pntFixes ${fixed(summary.pntNsPerPair ?? NaN, 2)} ns per point-satellite pair, ` +
    `${fixed(summary.pntVsBare, 2)}x the bare elevation loop; EW ${fixed(100 * summary.ewShareOfStep, 0)}% of a tick of that sim ` +
    `(${fixed(ew.variants['step-ew'].msPerCall.median, 3)} vs ${fixed(ew.variants['step-noew'].msPerCall.median, 3)} ms/tick)`);
  lines.push(`  start-up parse + init ${fixed(summary.startupParseInitMs, 0)} ms from the orbit cache (target < ${st.targetMs} ms: ${st.targetMet ? 'MET' : 'NOT MET'}); ` +
    `first run ${fixed(summary.startupFirstRunParseInitMs, 0)} ms; with propagator 'js' ${fixed(st.js.parseInitMs.median, 0)} ms`);
  lines.push(`  screening 50,000 objects: ${fixed(summary.screeningMs, 1)} ms, ${fixed(summary.screeningRatioToTarget, 2)}x the ${screening.targetMs} ms target ` +
    `(${summary.screeningTargetMet ? 'MET' : 'NOT MET'}); breakup of ${breakup.targetMassKg} kg (${breakup.added} fragments added): ${fixed(summary.breakupMs, 1)} ms, ` +
    `${fixed(summary.breakupRatioToTarget, 2)}x the ${breakup.targetMs} ms target (${summary.breakupTargetMet ? 'MET' : 'NOT MET'}), ` +
    `${fixed(summary.breakupWithNextStepMs, 1)} ms with the next step's extra`);
  lines.push(`  vigil batch, catalog scenario --until ${batchCli.until}: one run ${fixed(summary.batchCliOneRunS, 2)} s; ${summary.batchCliRuns} runs ` +
    `${fixed(summary.batchCliCostRatio, 1)}x one run (target < ${batchCli.costTarget}x: ${summary.batchCliCostTargetMet ? 'MET' : 'NOT MET'}; ` +
    `~${fixed(summary.batchCliNoShareProjected100, 1)}x without sharing); once running ${fixed(summary.batchCliRunningRunsPerS1Worker, 2)} runs/s on 1 worker, ` +
    `${fixed(summary.batchCliRunningRunsPerS2Workers, 2)} on 2: ${fixed(summary.batchCliScalingRunning, 2)}x (target >= ${batchCli.scalingTarget}x: ` +
    `${summary.batchCliScalingTargetMet ? 'MET' : 'NOT MET'}; ${summary.batchCliRuns} runs end to end ${fixed(summary.batchCliRunsPerS1Worker, 2)} and ` +
    `${fixed(summary.batchCliRunsPerS2Workers, 2)} runs/s, ${fixed(summary.batchCliScaling, 2)}x; ${fixed(summary.batchCliSingleThreadedScaling, 2)}x end to end with V8's helper threads off; ` +
    `this machine: arithmetic ${fixed(summary.referenceAluScaling, 2)}x, random reads ` +
    `${fixed(summary.referenceMemoryScaling, 2)}x); outputs on 1 and 2 workers identical: ${summary.batchCliOutputsIdentical ? 'yes' : 'NO'}`);
  lines.push(`  batch in one process (${summary.batchRuns} runs, pools): ${fixed(summary.batchScaling, 2)}x on 2 workers, ${summary.batchRuns} runs ` +
    `${fixed(summary.batchCostRatio, 1)}x one pool run; SGP4 was ${fixed(100 * summary.batchSgp4Share, 0)}% of a run before sharing`);
  lines.push(`  live server, catalog scenario, 1 white + 10 nation cells at 5 Hz: ${fixed(summary.serveMsPerFrame, 2)} ms server CPU per frame, ` +
    `${fixed((summary.serveBytesPerFrameWhite ?? 0) / 1000, 0)} kB per white frame, ${fixed(summary.serveBytesPerFrameNationMean / 1000, 1)} kB per nation frame (mean); ` +
    `all frames of a tick ${fixed(summary.serveFramesVsStep, 2)}x one sim step`);
  const wasmRow = s.breakdown.find((b) => b.sim === "engine, 'wasm'");
  if (wasmRow) {
    const m = wasmRow.msPerTick;
    const parts: [string, number][] = [
      ['stateHash', m.stateHash],
      ['earthFixed', m.earthFixed],
      ['copy into components', m.propagateOrbits - m['backend run']],
      ['applyInjects', m.applyInjects],
    ];
    const extra = parts.reduce((a, [, v]) => a + v, 0);
    const tick = Object.entries(m).filter(([k]) => k !== 'backend run').reduce((a, [, v]) => a + v, 0);
    lines.push(`  engine work besides SGP4 ('wasm' sim, breakdown): ${parts.map(([k, v]) => `${k} ${fixed(v, 3)}`).join(', ')} ` +
      `= ${fixed(extra, 2)} ms/tick (${fixed((100 * extra) / tick, 1)}% of the tick)`);
  }
  for (const w of [...s.warnings, ...sensors.warnings, ...ew.warnings.map((x) => `EW: ${x}`)]) lines.push(`  warning: ${w}`);
  lines.push(`  bench wall time ${fixed((performance.now() - t0) / 1000, 1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const ignore = resolve(RESULTS_DIR, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Bench output (written by `npm run bench`): kept out of git, this file included.\n*\n');
  const json = {
    meta: {
      date: started.toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverageBefore: load0,
      loadAverageAfter: load1,
      scenario: relative(REPO_ROOT, CATALOG_SCENARIO),
      wallSeconds: (performance.now() - t0) / 1000,
      sink: sinkValue() + sensors.sink + ew.sink,
    },
    summary,
    stepping,
    startup,
    sensors,
    ew,
    screening,
    breakup,
    batchCli,
    batch,
    serve,
    browserFrames,
  };
  const file = resolve(RESULTS_DIR, 'latest.json');
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${relative(REPO_ROOT, file)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
