/**
 * `vigil replay runs/<id>`: re-runs a recorded live game headless from its event log (every command at
 * its tick, through the same game code) and checks the state hash at every progress record and at the
 * end. Prints what it checked; writes <run>/replay-after-action.json. Exit 0 when every hash matches, 1
 * when the replay diverges (the message says at which tick), 2 for bad input (no log, changed scenario).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { preloadWasm } from '../../engine/index.js';
import { Game } from '../../viewer/server/game.js';
import { rebuild, ReplayMismatch } from '../../viewer/server/rebuild.js';
import { EXIT_BAD_INPUT } from '../errors.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import { openRecordedGame } from '../recorded-game.js';

export interface ReplayArgs {
  run: string;
  scenario?: string;
  cache?: boolean;
  json?: boolean;
}

export async function replayCommand(args: ReplayArgs): Promise<number> {
  preloadWasm();
  const g = openRecordedGame(args.run, 'replay', args.scenario);
  if (!g) return EXIT_BAD_INPUT;
  const { read, scenarioPath, model } = g;
  const prepared = args.cache !== false ? (await preparedOrbitsFor({ ...model, injects: [] })).prepared : undefined;
  const game = await Game.create({ model, scenarioPath, scenarioText: g.text, seed: read.header.seed, prepared });
  const t0 = performance.now();
  const out = { marking: model.marking, run: args.run, ok: true, commands: 0, hashesChecked: 0, tick: 0, hash: '', ended: false, tornLastLine: read.torn, message: '' };
  try {
    const r = rebuild(game, read.records);
    Object.assign(out, { commands: r.commands, hashesChecked: r.hashesChecked, ended: r.ended });
  } catch (e) {
    if (!(e instanceof ReplayMismatch)) throw e;
    out.ok = false;
    out.message = e.message;
  }
  out.tick = game.tick;
  out.hash = game.hash();
  if (out.ok) {
    out.message = `${out.commands} commands replayed to tick ${out.tick} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${out.hashesChecked} state hashes checked, final ${out.hash}${out.ended ? ' (the game ended cleanly there)' : ' (the log has no clean end: replayed to its last record)'}`;
    writeFileSync(join(args.run, 'replay-after-action.json'), `${JSON.stringify(game.afterAction(), null, 2)}\n`);
  }
  if (args.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else process.stdout.write(`${model.marking}\n${out.ok ? 'replay matches' : 'REPLAY DIVERGES'}: ${out.message}\n${model.marking}\n`);
  return out.ok ? 0 : 1;
}
