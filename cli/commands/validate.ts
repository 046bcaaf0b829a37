/** `vigil validate <scenario>`: every problem at once (exit 2), or a one-line summary of the scenario. */
import type { ScenarioModel } from '../../engine/model.js';
import { formatDuration } from '../../scenarios/durations.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../errors.js';
import { fmtInt } from '../format.js';
import { loadOrReport } from '../scenario-input.js';

export interface ValidateArgs {
  scenario: string;
  json?: boolean;
}

export function describeScenario(m: ScenarioModel): Record<string, unknown> {
  const implicit = m.nations.filter((n) => !n.declared).length;
  return {
    marking: m.marking,
    name: m.name,
    epochUtc: new Date(m.epochMs).toISOString(),
    duration: formatDuration(m.durationMs),
    step: formatDuration(m.stepMs),
    ticks: Math.floor(m.durationMs / m.stepMs),
    objects: m.objects.length,
    nations: m.nations.length,
    nationsFromOwnerData: implicit,
    coalitions: m.coalitions.length,
    sites: m.sites.length,
    sensors: m.sensors.length,
    agreements: m.agreements.length,
    transponders: m.transponders.length,
    terminals: m.terminals.length,
    jammers: m.jammers.length,
    receiverPoints: m.receivers.reduce((n, r) => n + r.platforms.length, 0),
    injects: m.injects.length,
    contentHash: m.contentHash,
  };
}

const count = (n: unknown, noun: string): string => `${fmtInt(n as number)} ${noun}${n === 1 ? '' : 's'}`;

/** The EW and PNT counts, only when the scenario has some. */
const ew = (d: Record<string, unknown>): string => {
  const parts = [['transponders', 'transponder'], ['terminals', 'terminal'], ['jammers', 'jammer'], ['receiverPoints', 'receiver point']]
    .filter(([k]) => (d[k] as number) > 0).map(([k, noun]) => `${count(d[k], noun)}, `);
  return parts.join('');
};

export async function validateCommand(args: ValidateArgs): Promise<number> {
  const loaded = loadOrReport(args.scenario, args.json);
  if (!loaded) return EXIT_BAD_INPUT;
  const d = describeScenario(loaded.model);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, file: args.scenario, ...d, warnings: loaded.warnings })}\n`);
    return EXIT_OK;
  }
  process.stdout.write(
    `${args.scenario}: OK  [${d.marking}]  '${d.name}': ${count(d.objects, 'object')}, ${count(d.nations, 'nation')} (${d.nationsFromOwnerData} from owner data), ` +
      `${count(d.coalitions, 'coalition')}, ${count(d.sites, 'site')}, ${count(d.sensors, 'sensor')}, ${count(d.agreements, 'agreement')}, ${ew(d)}${count(d.injects, 'inject')}; ${d.duration} at ${d.step} ` +
      `(${fmtInt(d.ticks as number)} ticks) from ${d.epochUtc}\n`,
  );
  return EXIT_OK;
}
