/**
 * A recorded game's folder (runs/<id>/), opened for `vigil serve --resume`, `vigil serve --review` and
 * `vigil replay`: its log read back, its scenario loaded and checked to be the one the game was played
 * on (the content hash in the log's header), the scenario's text kept for ad-hoc injects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioModel } from '../engine/index.js';
import { readLog, type ReadLog } from '../viewer/server/event-log.js';
import { InputError } from './errors.js';
import { loadOrReport } from './scenario-input.js';

export interface RecordedGame {
  runDir: string;
  read: ReadLog;
  scenarioPath: string;
  model: ScenarioModel;
  text: string;
}

/**
 * Open `runDir` (`how` names the option in messages: '--resume', '--review', 'replay'); `scenario` is
 * where the scenario is now if it moved. Null when the scenario's problems were printed (exit 2); an
 * InputError for a folder that is not a game or a scenario that changed since.
 */
export function openRecordedGame(runDir: string, how: string, scenario?: string): RecordedGame | null {
  const logPath = join(runDir, 'log.jsonl');
  if (!existsSync(logPath)) throw new InputError(`${how} ${runDir}: no log.jsonl there: give the folder of a game (runs/<id>)`);
  let read: ReadLog;
  try {
    read = readLog(logPath);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const scenarioPath = scenario ?? read.header.scenario;
  const loaded = loadOrReport(scenarioPath);
  if (!loaded) return null;
  const model = loaded.model;
  if (model.contentHash !== read.header.contentHash) {
    throw new InputError(`${scenarioPath} has changed since the game was played (content hash ${model.contentHash.slice(0, 12)}, the log says ${read.header.contentHash.slice(0, 12)}): use the scenario as it was (--scenario)`);
  }
  return { runDir, read, scenarioPath, model, text: readFileSync(scenarioPath, 'utf8') };
}
