/**
 * `vigil access <scenario> --from <sensor> --to <object>`: access windows of one object from one
 * ground sensor over the scenario (or --start/--until), rise and set to 1 ms by bisection, with the
 * maximum elevation, like STK's access report.
 */
import type { GroundSensorModel } from '../../engine/model.js';
import { accessWindows, satrecFrom, type AccessWindow } from '../../engine/index.js';
import { DEG } from '../../engine/physics/frames.js';
import { formatDuration, parseDurationMs } from '../../scenarios/durations.js';
import { didYouMean } from '../../scenarios/problems.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from '../errors.js';
import { banner, table } from '../format.js';
import { loadOrReport } from '../scenario-input.js';

export interface AccessArgs {
  scenario: string;
  from: string;
  to: string;
  start?: string;
  until?: string;
  json?: boolean;
}

export async function accessCommand(args: AccessArgs): Promise<number> {
  const loaded = loadOrReport(args.scenario, args.json);
  if (!loaded) return EXIT_BAD_INPUT;
  const m = loaded.model;
  const ground = m.sensors.filter((s): s is GroundSensorModel => s.kind !== 'space');
  const sensor = ground.find((s) => s.id === args.from);
  if (!sensor) {
    const space = m.sensors.find((s) => s.id === args.from);
    if (space) throw new InputError(`--from '${args.from}' is a space-based sensor: access windows are computed for ground sensors (${ground.map((s) => s.id).join(', ') || 'none'})`);
    throw new InputError(`--from '${args.from}' is not a sensor of the scenario${didYouMean(args.from, ground.map((s) => s.id))} (ground sensors: ${ground.map((s) => s.id).join(', ') || 'none'})`);
  }
  const object = m.objects.find((o) => o.id === args.to) ?? (/^\d+$/.test(args.to) ? m.objects.find((o) => o.noradId === Number(args.to)) : undefined);
  if (!object) throw new InputError(`--to '${args.to}' is not an object id or NORAD number of the scenario${didYouMean(args.to, m.objects.slice(0, 5000).map((o) => o.id))}`);
  const site = m.sites.find((s) => s.id === sensor.site)!;
  const startOffset = args.start === undefined ? 0 : parseDurationMs(args.start);
  const endOffset = args.until === undefined ? m.durationMs : parseDurationMs(args.until);
  if (startOffset === null) throw new InputError(`--start '${args.start}' is not a duration (offset from the epoch, e.g. 2h)`);
  if (endOffset === null) throw new InputError(`--until '${args.until}' is not a duration (offset from the epoch, e.g. 6h)`);
  if (endOffset <= startOffset) throw new InputError('--until must come after --start');
  if (endOffset > m.durationMs) throw new InputError(`--until ${args.until} is past the scenario's end (${formatDuration(m.durationMs)})`);
  const satrec = satrecFrom(object.orbit);
  const result = accessWindows(satrec, { latRad: site.latDeg * DEG, lonRad: site.lonDeg * DEG, altKm: site.altKm }, sensor, { startMs: m.epochMs + startOffset, endMs: m.epochMs + endOffset });
  const report = {
    marking: m.marking,
    sensor: sensor.id,
    site: { id: site.id, latDeg: site.latDeg, lonDeg: site.lonDeg, altKm: site.altKm },
    object: { id: object.id, name: object.name, noradId: object.noradId },
    constraints: { elevationDegMin: sensor.elevationDegMin, rangeKmMax: sensor.rangeKmMax, azimuthDeg: [sensor.azimuthDegMin, sensor.azimuthDegMax] },
    startUtc: iso(m.epochMs + startOffset),
    endUtc: iso(m.epochMs + endOffset),
    windows: result.windows.map((w) => ({ ...w, riseUtc: iso(w.riseMs), setUtc: iso(w.setMs), maxElevationUtc: iso(w.maxElevationMs) })),
    objectLeftAtUtc: result.failedAtMs === null ? null : iso(result.failedAtMs),
    truncated: result.truncated,
  };
  if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(human(report, result.windows));
  return EXIT_OK;
}

const iso = (ms: number) => new Date(ms).toISOString();

function human(r: { marking: string; sensor: string; object: { id: string; name: string }; startUtc: string; endUtc: string; objectLeftAtUtc: string | null; truncated: boolean }, windows: AccessWindow[]): string {
  const rows = windows.map((w, i) => [
    String(i + 1),
    `${iso(w.riseMs).slice(0, 23)}${w.riseClipped ? '*' : ''}`,
    `${iso(w.setMs).slice(0, 23)}${w.setClipped ? '*' : ''}`,
    formatDuration(Math.round(w.durationS) * 1000),
    w.maxElevationDeg.toFixed(2),
    iso(w.maxElevationMs).slice(11, 19),
    w.riseAzimuthDeg.toFixed(1),
    w.setAzimuthDeg.toFixed(1),
  ]);
  const total = windows.reduce((s, w) => s + w.durationS, 0);
  return [
    banner(r.marking),
    `access ${r.sensor} -> ${r.object.id} (${r.object.name}) from ${r.startUtc} to ${r.endUtc}`,
    windows.length === 0 ? 'no access in this interval' : table([['#', 'rise (UTC)', 'set (UTC)', 'duration', 'max el (deg)', 'at', 'rise az', 'set az'], ...rows]),
    `${windows.length} window(s), ${formatDuration(Math.round(total) * 1000)} in all${windows.some((w) => w.riseClipped || w.setClipped) ? '; * = clipped by the interval' : ''}`,
    ...(r.objectLeftAtUtc ? [`the object left the sim (SGP4 failed) at ${r.objectLeftAtUtc}`] : []),
    ...(r.truncated ? ['more windows than the limit: narrow --start/--until'] : []),
    banner(r.marking),
    '',
  ].join('\n');
}
