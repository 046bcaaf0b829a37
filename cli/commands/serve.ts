/**
 * `vigil serve <scenario>`: a live game. Creates runs/<id>/ (log.jsonl: the durable command log;
 * cells.json: each cell's token, readable by the owner only; server.log: connections, auth failures and
 * commands; after-action.json on a clean stop), listens on --host (loopback unless told) and --port, and
 * prints one URL per cell with its token in the URL fragment (never sent to the server).
 * `--resume runs/<id>`: rebuilds the game from its log to the last tick it recorded (where the clock last
 * stopped, or at most a second of play before a crash while it ran), checks the state hashes, and carries
 * on paused with the same tokens. Ctrl-C / SIGTERM stop cleanly (an `end` record, the
 * after-action record); a kill -9 loses no acknowledged command.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { preloadWasm } from '../../engine/index.js';
import { EventLogFile, type LogRecord } from '../../viewer/server/event-log.js';
import { Game } from '../../viewer/server/game.js';
import { GameServer, tokenDigest, type ServerLogEntry } from '../../viewer/server/net.js';
import { rebuild, ReplayMismatch } from '../../viewer/server/rebuild.js';
import { EXIT_BAD_INPUT, InputError } from '../errors.js';
import { makeDirs } from '../make-dirs.js';
import { preparedOrbitsFor } from '../orbit-cache.js';
import { loadOrReport } from '../scenario-input.js';
import { openRecordedGame } from '../recorded-game.js';
import { wholeNumber } from '../options.js';

export interface ServeArgs {
  scenario?: string;
  port?: number | string;
  host?: string;
  origin?: readonly string[];
  runs?: string;
  resume?: string;
  /** Review a recorded game (runs/<id>): watch, run and scrub it; nothing can be changed. */
  review?: string;
  seed?: number | string;
  cache?: boolean;
  /** Called once listening (tests): the URL and the cells' tokens. */
  onListening?: (info: ServeInfo) => void;
  /** Resolves to stop the server (tests); otherwise SIGINT / SIGTERM. */
  until?: Promise<void>;
}

export interface ServeInfo {
  url: string;
  port: number;
  runDir: string;
  tokens: Record<string, string>;
  server: GameServer;
}

interface CellsFile {
  marking: string;
  tokens: Record<string, string>;
}

const TICK_RECORD_EVERY_MS = 1000;

export async function serveCommand(args: ServeArgs): Promise<number> {
  preloadWasm();
  const port = wholeNumber(args.port ?? 8080, '--port', 65535) ?? 8080;
  const host = args.host ?? '127.0.0.1';
  const seed = wholeNumber(args.seed, '--seed', 2 ** 32 - 1);
  if (args.review) return reviewGame(args, host, port);
  if (args.resume) {
    const g = openRecordedGame(args.resume, '--resume', args.scenario);
    if (!g) return EXIT_BAD_INPUT;
    return serveLoaded(args, { host, port, runDir: g.runDir, scenarioPath: g.scenarioPath, seed: g.read.header.seed, records: g.read.records, validBytes: g.read.validBytes, resumed: true, model: g.model, text: g.text });
  }
  if (!args.scenario) throw new InputError('give a scenario file, or --resume runs/<id>');
  const scenarioPath = resolve(args.scenario);
  const loaded = loadOrReport(args.scenario);
  if (!loaded) return EXIT_BAD_INPUT;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let runDir: string;
  const base = join(args.runs ?? 'runs', `${basename(scenarioPath).replace(/\.ya?ml$/i, '')}-${stamp}`);
  try {
    makeDirs(args.runs ?? 'runs');
    // Two games started in the same second get folders of their own.
    runDir = base;
    for (let k = 2; ; k++) {
      try {
        mkdirSync(runDir);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || k > 100) throw e;
        runDir = `${base}-${k}`;
      }
    }
  } catch (e) {
    throw new InputError(`cannot create the run folder under '${args.runs ?? 'runs'}': ${(e as Error).message}; choose another with --runs`);
  }
  return serveLoaded(args, { host, port, runDir, scenarioPath, seed, records: [], validBytes: 0, resumed: false, model: loaded.model, text: readFileSync(scenarioPath, 'utf8') });
}

interface Loaded {
  host: string;
  port: number;
  runDir: string;
  scenarioPath: string;
  seed: number | undefined;
  records: LogRecord[];
  validBytes: number;
  resumed: boolean;
  model: import('../../engine/index.js').ScenarioModel;
  text: string;
}

async function serveLoaded(args: ServeArgs, l: Loaded): Promise<number> {
  const model = l.model;
  const prepared = args.cache !== false ? (await preparedOrbitsFor({ ...model, injects: [] })).prepared : undefined;
  const game = await Game.create({ model, scenarioPath: l.scenarioPath, scenarioText: l.text, seed: l.seed, prepared });
  const cellsPath = join(l.runDir, 'cells.json');
  let tokens: Record<string, string>;
  let log: EventLogFile;
  if (l.resumed) {
    const t0 = performance.now();
    let rebuilt;
    try {
      rebuilt = rebuild(game, l.records);
    } catch (e) {
      if (e instanceof ReplayMismatch) throw new InputError(`--resume ${l.runDir}: ${e.message}`);
      throw e;
    }
    process.stderr.write(`${model.marking}\nresumed ${l.runDir}: ${rebuilt.commands} commands replayed to tick ${game.tick} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${rebuilt.hashesChecked} state hashes checked${rebuilt.lastRecorded ? `, last ${rebuilt.lastRecorded.hash} at tick ${rebuilt.lastRecorded.tick}` : ''}\n`);
    try {
      tokens = (JSON.parse(readFileSync(cellsPath, 'utf8')) as CellsFile).tokens;
    } catch (e) {
      throw new InputError(`--resume ${l.runDir}: cannot read its cells.json (${(e as Error).message}): the cells' tokens are kept there`);
    }
    log = EventLogFile.reopen(join(l.runDir, 'log.jsonl'), l.validBytes);
  } else {
    tokens = Object.fromEntries([...game.cells.keys()].map((id) => [id, randomBytes(24).toString('hex')]));
    writeFileSync(cellsPath, `${JSON.stringify({ marking: model.marking, tokens } satisfies CellsFile, null, 2)}\n`, { mode: 0o600 });
    chmodSync(cellsPath, 0o600);
    log = EventLogFile.create(join(l.runDir, 'log.jsonl'), {
      type: 'header', version: 1, marking: model.marking, scenario: l.scenarioPath, scenarioName: model.name, contentHash: model.contentHash,
      seed: game.sim.seed, createdUtc: new Date().toISOString(),
    });
  }
  const serverLog = join(l.runDir, 'server.log');
  const logLine = (entry: ServerLogEntry): void => {
    appendFileSync(serverLog, `${JSON.stringify({ t: new Date().toISOString(), ...entry })}\n`);
  };
  let lastRecordWall = 0;
  let lastRecordTick = game.tick;
  const server = new GameServer({
    host: l.host, port: l.port, origins: args.origin ?? [], game, log, logLine,
    tokens: new Map(Object.entries(tokens).map(([cell, token]) => [tokenDigest(token), cell])),
    staticDir: viewerDir(), speed: model.live.speed, frameHz: model.live.frameHz,
    onProgress: (stopped) => {
      const now = performance.now();
      if (game.tick !== lastRecordTick && (stopped || now - lastRecordWall >= TICK_RECORD_EVERY_MS)) {
        log.append({ type: 'tick', tick: game.tick, hash: game.hash() }, false);
        lastRecordWall = now;
        lastRecordTick = game.tick;
      }
    },
  });
  server.commandSeq = l.records.filter((r) => r.type === 'command').length;
  let addr;
  try {
    addr = await server.listen();
  } catch (e) {
    log.close();
    // A new game that never started leaves nothing behind; a resumed one keeps its folder.
    if (!l.resumed) rmSync(l.runDir, { recursive: true, force: true });
    throw new InputError(`cannot listen on ${l.host}:${l.port}: ${(e as Error).message}; choose another --port or --host`);
  }
  const base = `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}/`;
  const lines = [model.marking, `Vigil serving ${model.name} at ${base} (run folder ${l.runDir}); the game is paused: the white cell starts the clock.`];
  for (const [id, cell] of game.cells) {
    lines.push(`  ${cell.role.padEnd(8)} ${id.padEnd(20)} ${base}#cell=${encodeURIComponent(id)}&token=${tokens[id]}`);
  }
  lines.push(model.marking);
  process.stdout.write(`${lines.join('\n')}\n`);
  args.onListening?.({ url: base, port: addr.port, runDir: l.runDir, tokens, server });

  await (args.until ?? new Promise<void>((ok) => {
    process.once('SIGINT', () => ok());
    process.once('SIGTERM', () => ok());
  }));
  await server.stop();
  log.append({ type: 'end', tick: game.tick, hash: game.hash() }, true);
  log.close();
  writeFileSync(join(l.runDir, 'after-action.json'), `${JSON.stringify(game.afterAction(), null, 2)}\n`);
  process.stderr.write(`${model.marking}\nstopped at tick ${game.tick}; ${join(l.runDir, 'after-action.json')} written\n`);
  return 0;
}

/** `--review runs/<id>`: the recorded game replayed for a reviewer (white cell's view, one token). */
async function reviewGame(args: ServeArgs, host: string, port: number): Promise<number> {
  const g = openRecordedGame(args.review!, '--review', args.scenario);
  if (!g) return EXIT_BAD_INPUT;
  const { runDir, read, scenarioPath, model, text } = g;
  const prepared = args.cache !== false ? (await preparedOrbitsFor({ ...model, injects: [] })).prepared : undefined;
  const newGame = () => Game.create({ model, scenarioPath, scenarioText: text, seed: read.header.seed, prepared });
  const game = await newGame();
  const token = randomBytes(24).toString('hex');
  const serverLog = join(runDir, 'review-server.log');
  const server = new GameServer({
    host, port, origins: args.origin ?? [], game, log: null, tokens: new Map([[tokenDigest(token), 'white']]),
    logLine: (entry) => appendFileSync(serverLog, `${JSON.stringify({ t: new Date().toISOString(), ...entry })}\n`),
    staticDir: viewerDir(), speed: model.live.speed, frameHz: model.live.frameHz, review: { records: read.records, newGame },
  });
  let addr;
  try {
    addr = await server.listen();
  } catch (e) {
    throw new InputError(`cannot listen on ${host}:${port}: ${(e as Error).message}; choose another --port or --host`);
  }
  const base = `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}/`;
  process.stdout.write(`${model.marking}\nVigil reviewing ${runDir} (${read.records.filter((r) => r.type === 'command').length} commands) at ${base}\n  review   white                ${base}#cell=white&token=${token}\n${model.marking}\n`);
  args.onListening?.({ url: base, port: addr.port, runDir, tokens: { white: token }, server });
  await (args.until ?? new Promise<void>((ok) => {
    process.once('SIGINT', () => ok());
    process.once('SIGTERM', () => ok());
  }));
  await server.stop();
  return 0;
}

/** The built viewer (Vite's output, dist/viewer/client/) if this install has it; from the sources too (tests). */
function viewerDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [resolve(here, '../../viewer/client'), resolve(here, '../../dist/viewer/client')]) {
    if (existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) return dir;
  }
  return null;
}
