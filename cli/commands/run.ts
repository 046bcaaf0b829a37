/**
 * `vigil run <scenario>`: runs headless to the end (or --until), writing to --out:
 *   events.jsonl  one JSON event a line, after a header line carrying the exercise marking
 *   hashes.txt    the state hash of every tick (`tick hash`), for replays and determinism checks
 *   summary.json  final hash, counts and metrics
 *   pnt-points.csv each GNSS receiver point's availability and minutes denied (scenarios with receivers)
 * and prints a human summary (or the summary JSON with --json). Ctrl-C (or SIGTERM from a batch system)
 * stops after the current tick and still writes everything done so far (summary.json says
 * `complete: false`; exit 130, or 143 for SIGTERM). An output file that cannot be opened is bad input
 * (exit 2) before any work; a write that fails mid-run stops the run and still writes summary.json.
 */
import { createWriteStream, openSync, writeFileSync, type WriteStream } from 'node:fs';
import { makeDirs } from '../make-dirs.js';
import { basename, dirname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { createSim, pictureFor, preloadWasm, stateHash, step, summarize, type RunSummary, type ScenarioModel, type Sim } from '../../engine/index.js';
import { didYouMean } from '../../scenarios/problems.js';
import { exportPicture } from '../picture-export.js';
import { writePntFootprint } from '../pnt-footprint.js';
import { formatDuration, parseDurationMs } from '../../scenarios/durations.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../errors.js';
import { banner, fmtInt, table } from '../format.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import { loadOrReport } from '../scenario-input.js';
import { wholeNumber } from '../options.js';

export interface RunArgs {
  scenario: string;
  seed?: number | string;
  until?: string;
  out?: string;
  json?: boolean;
  propagator?: 'wasm' | 'js';
  runIndex?: number | string;
  progress?: boolean;
  /** Use the prepared-orbit cache (cli/orbit-cache.ts); default true. */
  cache?: boolean;
  /** Agreement ids to leave out of the run, or `all`. */
  withoutAgreement?: readonly string[];
  /** Nations whose final picture is exported (OMM KVN, OMM JSON, TLE), or `all`. */
  exportPicture?: readonly string[];
}

export async function runCommand(args: RunArgs): Promise<number> {
  if (args.propagator !== 'js') preloadWasm();
  const loaded = loadOrReport(args.scenario, args.json);
  if (!loaded) return EXIT_BAD_INPUT;
  const removed = agreementsToRemove(loaded.model, args.withoutAgreement);
  const model = removed.length === 0 ? loaded.model : { ...loaded.model, agreements: loaded.model.agreements.filter((a) => !removed.includes(a.id)) };
  const exports = nationsToExport(model, args.exportPicture);
  const untilMs = args.until === undefined ? model.durationMs : parseDurationMs(args.until);
  if (untilMs === null) throw new InputError(`--until '${args.until}' is not a duration (e.g. 90s, 30m, 6h)`);
  if (untilMs > model.durationMs) throw new InputError(`--until ${args.until} is past the scenario's end (${formatDuration(model.durationMs)})`);
  const seed = wholeNumber(args.seed, '--seed', 2 ** 32 - 1);
  const runIndex = wholeNumber(args.runIndex, '--run-index', 1_000_000_000) ?? 0;
  // The last tick is the last one not after --until (the scenario never runs past its end).
  const ticks = Math.floor(untilMs / model.stepMs);
  const outDir = args.out ?? join('out', basename(args.scenario).replace(/\.ya?ml$/i, ''));
  try {
    makeDirs(outDir);
  } catch (e) {
    throw new InputError(`cannot create the output folder '${outDir}': ${(e as Error).message}; choose another with --out`);
  }

  const events = openOutput(join(outDir, 'events.jsonl'));
  const hashes = openOutput(join(outDir, 'hashes.txt'));
  let writeError: Error | null = null;
  for (const stream of [events, hashes]) stream.on('error', (e) => (writeError ??= e));
  const prepared = args.cache !== false && args.propagator !== 'js' ? (await preparedOrbitsFor(model)).prepared : undefined;
  const sim = await createSim(model, { seed, runIndex, propagator: args.propagator, prepared });
  events.write(`${JSON.stringify({ type: 'header', marking: model.marking, scenario: model.name, contentHash: model.contentHash, seed: sim.seed, runIndex: sim.runIndex, propagator: sim.propagator.name, withoutAgreements: removed })}\n`);
  hashes.write(`# ${model.marking}\n# tick stateHash\n`);
  let cursor = flush(sim, events, hashes, 0);

  // Ctrl-C, or a batch system's SIGTERM: stop after the current tick and keep everything done so far.
  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    interrupted ??= signal;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = args.progress !== false && process.stderr.isTTY ? new SingleBar({ format: 'run [{bar}] {percentage}% | tick {value}/{total} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(ticks, 0);
  try {
    while (sim.tick < ticks && !interrupted && !writeError) {
      step(sim);
      cursor = flush(sim, events, hashes, cursor);
      if ((sim.tick & 63) === 0) {
        bar?.update(sim.tick);
        // Let a pending signal reach its handler, and a slow disk drain (bounded buffering).
        if (events.writableNeedDrain || hashes.writableNeedDrain) await drained(events, hashes);
        else await new Promise((r) => setImmediate(r));
      }
    }
  } finally {
    bar?.update(sim.tick);
    bar?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await Promise.all([close(events), close(hashes)]).catch((e: Error) => (writeError ??= e));
  }
  const summary = { ...summarize(sim), complete: sim.tick >= ticks, ticksRequested: ticks, withoutAgreements: removed };
  const pictureFiles = exports.flatMap((nation) => {
    const p = pictureFor(sim, nation);
    if (p.tracks.length + p.uncorrelated.length === 0) process.stderr.write(`vigil: warning: ${nation}'s picture is empty at tick ${sim.tick}: its files hold only the marking\n`);
    return exportPicture(sim, nation, outDir);
  });
  const footprint = writePntFootprint(sim, outDir);
  if (footprint) pictureFiles.push(footprint);
  sim.propagator.dispose();
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (writeError) {
    throw new Error(`writing the run's output in '${outDir}' failed at tick ${sim.tick}: ${(writeError as Error).message}; summary.json records how far the run got`);
  }
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(humanSummary(summary, outDir, pictureFiles));
  return interrupted === 'SIGTERM' ? 143 : interrupted === 'SIGINT' ? 130 : EXIT_OK;
}

/** A whole-number option from 0 to `max`, or undefined when not given; anything else is bad input. */

/** Open an output file now, so a path that cannot be written is bad input before any work is done. */
function openOutput(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new InputError(`cannot write '${path}': ${(e as Error).message}; choose another folder with --out`);
  }
  return createWriteStream(path, { fd });
}

function drained(...streams: WriteStream[]): Promise<void> {
  return Promise.all(streams.map((s) => (s.writableNeedDrain ? new Promise<void>((r) => { s.once('drain', () => r()); s.once('error', () => r()); s.once('close', () => r()); }) : undefined))).then(() => undefined);
}

/** Write the events and the hash of the current tick; returns the new event cursor. */
function flush(sim: Sim, events: WriteStream, hashes: WriteStream, cursor: number): number {
  const fresh = sim.events.since(cursor);
  if (fresh.length > 0) events.write(fresh.map((e) => JSON.stringify(e)).join('\n') + '\n');
  hashes.write(`${sim.tick} ${stateHash(sim)}\n`);
  return cursor + fresh.length;
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** The agreements --without-agreement names, checked: an unknown id is bad input with a suggestion. */
function agreementsToRemove(model: ScenarioModel, ids: readonly string[] | undefined): string[] {
  const all = model.agreements.map((a) => a.id);
  if (ids === undefined) return [];
  if (ids.length === 0 || ids.some((id) => id === '')) throw new InputError(`--without-agreement needs an agreement id or 'all' (agreements: ${all.join(', ') || 'none'})`);
  if (ids.includes('all')) return all;
  for (const id of ids) {
    if (!all.includes(id)) throw new InputError(`--without-agreement '${id}' is not an agreement of the scenario${didYouMean(id, all)} (agreements: ${all.join(', ') || 'none'})`);
  }
  return [...new Set(ids)];
}

/** The nations --export-picture names, checked before any work: only nations that keep tracks. */
function nationsToExport(model: ScenarioModel, ids: readonly string[] | undefined): string[] {
  const declared = model.nations.filter((n) => n.declared).map((n) => n.id);
  if (ids === undefined) return [];
  if (ids.length === 0 || ids.some((id) => id === '')) throw new InputError(`--export-picture needs a nation or 'all' (nations: ${declared.join(', ') || 'none'})`);
  if (ids.includes('all')) return declared;
  for (const id of ids) {
    if (!declared.includes(id)) throw new InputError(`--export-picture '${id}' is not a nation declared in the scenario${didYouMean(id, declared)} (nations: ${declared.join(', ') || 'none'})`);
  }
  return [...new Set(ids)];
}

function humanSummary(s: RunSummary & { complete: boolean; withoutAgreements: readonly string[] }, outDir: string, pictureFiles: readonly string[]): string {
  const lines = [
    banner(s.marking),
    `${s.scenario}  seed ${s.seed}  run ${s.runIndex}  propagator ${s.propagator}`,
    `${s.complete ? 'ran' : 'STOPPED EARLY at'} tick ${fmtInt(s.tick)}: ${s.epochUtc} -> ${s.timeUtc} (step ${formatDuration(s.stepMs)})`,
    `objects: ${fmtInt(s.objects.initial)} at start, ${fmtInt(s.objects.active)} active, ${fmtInt(s.objects.left)} left the sim`,
    `events: ${fmtInt(s.events.logged)} logged${s.events.dropped ? `, ${fmtInt(s.events.dropped)} dropped at the limit` : ''} (${Object.entries(s.events.byKind).map(([k, n]) => `${k} ${n}`).join(', ')})`,
  ];
  if (s.sensors.length > 0) {
    lines.push('sensors:');
    lines.push(table([['  id', 'kind', 'owner', 'detections', 'objects detected', 'in view now'], ...s.sensors.map((r) => [`  ${r.id}`, r.kind, r.owner, fmtInt(r.detectionsTotal), fmtInt(r.objectsDetected), fmtInt(r.inViewNow)])]));
  }
  const playing = s.nations.filter((n) => n.tracks > 0 || n.uncorrelated > 0);
  if (playing.length > 0) {
    lines.push(`custody of the ${fmtInt(playing[0].interestObjects)} objects of interest:`);
    lines.push(table([['  nation', 'tracks', 'UCTs', 'custody now', 'mean custody', 'updates from partners', 'first track (median)'], ...playing.map((n) => [
      `  ${n.id}`, fmtInt(n.tracks), fmtInt(n.uncorrelated), fmtInt(n.custodyNow), `${(100 * n.custodyMeanFraction).toFixed(1)}%`,
      `${(100 * n.sharedFraction).toFixed(1)}%`, n.firstTrack.medianS === null ? '-' : formatDuration(Math.round(n.firstTrack.medianS * 1000)),
    ])]));
  }
  const used = s.agreements.filter((a) => a.sent > 0 || Object.keys(a.refused).length > 0);
  if (used.length > 0) {
    lines.push('agreements:');
    lines.push(table([['  id', 'provider', 'items sent', 'delivered', 'refused'], ...used.map((a) => [
      `  ${a.id}`, a.provider, fmtInt(a.sent), fmtInt(a.delivered), Object.entries(a.refused).map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ') || '-',
    ])]));
  }
  if (s.satcom.terminals.length > 0) {
    lines.push('SATCOM terminals:');
    lines.push(table([['  terminal', 'owner', 'availability', 'minutes down', 'of which jammed', 'now'], ...s.satcom.terminals.map((t) => [
      `  ${t.id}`, t.owner, `${(100 * t.availability).toFixed(1)}%`, fmtMinutes(t.minutesDown), fmtMinutes(t.minutesDownJammed),
      t.upNow ? `up on ${t.transponderNow} (${t.marginDbNow} dB)` : t.transponderNow === null ? 'down (no usable transponder)' : `down on ${t.transponderNow}`,
    ])]));
  }
  if (s.pnt.receivers.length > 0) {
    lines.push('PNT receivers:');
    lines.push(table([['  receiver', 'owner', 'points', 'availability', 'minutes denied per point', 'fix now'], ...s.pnt.receivers.map((r) => [
      `  ${r.id}`, r.owner, fmtInt(r.points), `${(100 * r.availability).toFixed(1)}%`, fmtMinutes(r.minutesDeniedPerPoint), `${(100 * r.fixNow).toFixed(0)}%`,
    ])]));
  }
  if (s.jammers.length > 0) lines.push(`jammers: ${s.jammers.map((j) => `${j.id} (${j.owner}) on ${fmtMinutes(j.minutesOn)} min${j.onNow ? ', on now' : ''}`).join('; ')}`);
  lines.push(...counterspaceLines(s.counterspace));
  if (s.withoutAgreements.length > 0) lines.push(`run WITHOUT agreements: ${s.withoutAgreements.join(', ')}`);
  lines.push(`final state hash ${s.stateHash}`, `wrote ${join(outDir, 'events.jsonl')}, hashes.txt, summary.json`);
  if (pictureFiles.length > 0) {
    const cdms = pictureFiles.filter((f) => f.endsWith('.cdm'));
    const rest = pictureFiles.filter((f) => !f.endsWith('.cdm'));
    lines.push(`also wrote: ${rest.join(', ')}${cdms.length > 0 ? `, and ${fmtInt(cdms.length)} conjunction data messages (CDM) in ${[...new Set(cdms.map((f) => dirname(f)))].join(', ')}` : ''}`);
  }
  lines.push(banner(s.marking), '');
  return lines.join('\n');
}

function fmtMinutes(m: number): string {
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

/** The counterspace part of the printed summary: only what happened. */
function counterspaceLines(c: RunSummary['counterspace']): string[] {
  const lines: string[] = [];
  for (const l of c.launches) {
    lines.push(`launch ${l.flight}: ${l.nation} ${l.launcher} at ${l.target}, ${l.launchUtc} -> ${l.interceptUtc}: ${l.outcome}`);
    if (l.warned.length > 0) {
      lines.push(table([['  warned', 'first warning', 'after launch', 'via'], ...l.warned.map((w) => [`  ${w.nation}`, w.warningUtc, `${fmtInt(w.afterLaunchS)} s`, w.via])]));
    }
    if (l.notWarned.length > 0) lines.push(`  never warned: ${l.notWarned.join(', ')}`);
  }
  for (const b of c.breakups) lines.push(`breakup of ${b.object} (${b.cause}, ${b.regime}) at ${b.timeUtc}: ${fmtInt(b.drawn)} fragments drawn, ${fmtInt(b.added)} added, ${fmtInt(b.refused)} re-entering or unfit, ${fmtInt(b.cut)} cut by caps`);
  const last = c.fragments.custody.at(-1);
  if (last) {
    lines.push(`fragments: ${fmtInt(c.fragments.added)} added, ${fmtInt(c.fragments.inOrbitNow)} in orbit; custody at ${last.timeUtc}:`);
    lines.push(table([['  nation', 'in custody', 'tracked (incl. uncorrelated)'], ...Object.keys(last.custodyByNation).map((n) => [`  ${n}`, fmtInt(last.custodyByNation[n]), fmtInt(last.trackedByNation[n])])]));
  }
  if (c.conjunctions.screenings > 0) {
    const warned = Object.entries(c.conjunctions.warningsByNation).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ') || 'none';
    lines.push(`conjunctions: ${fmtInt(c.conjunctions.screenings)} screenings, ${fmtInt(c.conjunctions.found)} close approaches, ${fmtInt(c.conjunctions.collisions)} collisions; warnings issued: ${warned}; with blue satellites after the first breakup: ${fmtInt(c.conjunctions.withCoalitionAfterBreakup)}`);
  }
  for (const a of c.approaches) lines.push(`co-orbital ${a.asat} -> ${a.target} (${a.effect}): ${a.deltaVMps} m/s, arrival ${a.arrivalUtc}${a.arrived ? '' : ' (not yet)'}`);
  for (const e of c.effects) lines.push(`${e.kind} ${e.source === 'cyber' ? '' : `${e.source} `}on ${e.target} (${e.effect}) ${e.fromUtc} - ${e.untilUtc}: acted ${fmtMinutes(e.minutesActing)} min`);
  return lines;
}
