/**
 * Rebuilding a game from its event log: every command again, at the tick it was accepted, through the
 * same Game.command, the sim stepped between them to the ticks the log says; every progress record's
 * state hash checked on the way. `vigil serve --resume` carries on from the result; `vigil replay`
 * stops there and reports.
 */
import type { ClientMessage } from '../protocol.js';
import { CommandError, type Game } from './game.js';
import type { LogRecord } from './event-log.js';

export class ReplayMismatch extends Error {}

export interface Rebuilt {
  commands: number;
  hashesChecked: number;
  /** The last hash the log recorded and the tick it was at (null: none recorded). */
  lastRecorded: { tick: number; hash: string } | null;
  ended: boolean;
}

function stepTo(game: Game, tick: number, what: string): void {
  if (tick > game.lastTick) throw new ReplayMismatch(`${what} is at tick ${tick}, after the scenario's last tick ${game.lastTick}: the log is not of this scenario`);
  while (game.tick < tick) game.step();
}

export function rebuild(game: Game, records: readonly LogRecord[]): Rebuilt {
  const out: Rebuilt = { commands: 0, hashesChecked: 0, lastRecorded: null, ended: false };
  for (const rec of records) {
    if (rec.type === 'command') {
      stepTo(game, rec.tick, `command ${rec.seq}`);
      try {
        game.command(rec.cell, rec.command as unknown as ClientMessage);
      } catch (e) {
        if (e instanceof CommandError) throw new ReplayMismatch(`command ${rec.seq} (${String(rec.command.type)} from ${rec.cell} at tick ${rec.tick}) was accepted in the game but is refused on replay: ${e.message}`);
        throw e;
      }
      stepTo(game, rec.after, `command ${rec.seq}`);
      out.commands++;
      out.ended = false;
    } else if (rec.type === 'tick' || rec.type === 'end') {
      stepTo(game, rec.tick, `a ${rec.type} record`);
      const hash = game.hash();
      if (hash !== rec.hash) throw new ReplayMismatch(`state hash at tick ${rec.tick} is ${hash}, the game logged ${rec.hash}: the replay diverged`);
      out.hashesChecked++;
      out.lastRecorded = { tick: rec.tick, hash: rec.hash };
      // A clean end the game was later resumed from is not the end of the log.
      out.ended = rec.type === 'end';
    }
  }
  return out;
}
