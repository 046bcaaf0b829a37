/**
 * The durable record of a live game, runs/<id>/log.jsonl: a header, then every accepted command with the
 * tick it was accepted at and the tick the game stood at after it, and the clock's progress. A command's
 * record is written and fsync'ed before the command is acknowledged, so a crash (kill -9, power) loses no
 * acknowledged command; `vigil serve --resume` and `vigil replay` rebuild the game from it.
 *
 *   {"type":"header","version":1,"marking":..,"scenario":<absolute path>,"scenarioName":..,"contentHash":..,"seed":..,"createdUtc":..}
 *   {"type":"command","seq":0,"tick":12,"after":12,"cell":"white","command":{...},"wallUtc":..}
 *   {"type":"tick","tick":40,"hash":"..."}             progress, at most about once a second
 *   {"type":"end","tick":120,"hash":"..."}             a clean stop
 *
 * A torn last line (the process died mid-write) is ignored on reading; every earlier line must parse.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';

export const LOG_VERSION = 1;
/** Largest log the server will read back, bytes. */
export const LOG_BYTES_MAX = 512 * 1024 * 1024;

export interface LogHeader {
  type: 'header';
  version: number;
  marking: string;
  scenario: string;
  scenarioName: string;
  contentHash: string;
  seed: number;
  createdUtc: string;
}

export interface CommandRecord {
  type: 'command';
  seq: number;
  tick: number;
  after: number;
  cell: string;
  command: Record<string, unknown>;
  wallUtc: string;
}

export interface TickRecord {
  type: 'tick' | 'end';
  tick: number;
  hash: string;
}

export type LogRecord = CommandRecord | TickRecord;

export class EventLogFile {
  readonly #fd: number;
  #closed = false;

  private constructor(fd: number) {
    this.#fd = fd;
  }

  /** A new log with its header (fails if the file exists). */
  static create(path: string, header: LogHeader): EventLogFile {
    const fd = openSync(path, 'wx');
    const log = new EventLogFile(fd);
    log.append(header, true);
    return log;
  }

  /**
   * An existing log, opened to append after its first `validBytes` (readLog's: a torn last line, left by
   * a crash mid-write, is cut off first so the next record starts on a line of its own).
   */
  static reopen(path: string, validBytes: number): EventLogFile {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, validBytes);
    fsyncSync(fd);
    closeSync(fd);
    return new EventLogFile(openSync(path, 'a'));
  }

  /** Append one record; `durable` waits for the disk (fsync) before returning. */
  append(record: LogHeader | LogRecord, durable: boolean): void {
    if (this.#closed) throw new Error('vigil serve - the event log is closed');
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    if (durable) fsyncSync(this.#fd);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
  }
}

export interface ReadLog {
  header: LogHeader;
  records: LogRecord[];
  /** True when a torn last line was left out. */
  torn: boolean;
  /** Bytes of the complete records (where the next record goes). */
  validBytes: number;
}

/** Read a log back; throws an Error whose message says what is wrong and where. */
export function readLog(path: string): ReadLog {
  const text = readFileSync(path, 'utf8');
  if (text.length > LOG_BYTES_MAX) throw new Error(`${path}: over ${LOG_BYTES_MAX} bytes`);
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  let torn = last.length > 0;
  const parsed: unknown[] = [];
  let validBytes = 0;
  lines.forEach((line, i) => {
    try {
      parsed.push(JSON.parse(line));
      validBytes += Buffer.byteLength(line) + 1;
    } catch {
      // Only the very last complete line may be torn by a crash mid-write (a line without its newline is
      // handled above); anything earlier is damage.
      if (i === lines.length - 1) torn = true;
      else throw new Error(`${path}:${i + 1}: not a JSON record: the log is damaged`);
    }
  });
  const header = parsed[0] as LogHeader | undefined;
  if (!header || header.type !== 'header') throw new Error(`${path}:1: no header: not a Vigil game log`);
  if (header.version !== LOG_VERSION) throw new Error(`${path}:1: log version ${String(header.version)}, this Vigil reads ${LOG_VERSION}`);
  return { header, records: parsed.slice(1) as LogRecord[], torn, validBytes };
}
