/**
 * The wire protocol between `vigil serve` and its clients (the viewer, tests, tools), version 1.
 *
 * One WebSocket per cell connection, subprotocol `vigil.1`. Text messages are JSON objects with a
 * `type`; binary messages are frames. The token that binds a connection to a cell goes in the first
 * message (`hello`) or as a second offered subprotocol `vigil-token.<token>`; never in a URL.
 *
 * Client -> server (JSON): hello, clock (white), publish/hold/skip (white: the MSEL), inject (white:
 * ad-hoc, the YAML inject form), adjudicate (white), respond (white: an expected response met by hand),
 * view (white: look through a nation's eyes, or truth), order (nation cells), inspect, seek (the review
 * of a recorded game: `vigil serve --review`).
 * Server -> client (JSON): welcome, ack, error, clock, names, events, msel, orders, overlays (sensor
 * coverage, jammers, GNSS, SATCOM links, ASAT fly-outs, conjunction alerts of the view: overlays.ts),
 * inspected (with the ground track), bye; in a review, timeline and reset.
 * Server -> client (binary): a frame, the cell's picture at one tick (FRAME_* below).
 *
 * Frames: little-endian, a 32-byte header then FRAME_RECORD_BYTES per glyph:
 *   u32 magic 'VGL1' | u16 version | u16 flags (bit 0: truth) | u32 tick | u32 count | f64 sim time ms |
 *   u32 names (length of the names table the records index; the client has it from `names` messages) |
 *   u32 reserved
 *   record: u32 name slot | i16 lat (x 90/32767 deg) | i16 lon (x 180/32767 deg) | u16 alt km | u8 state |
 *           u8 uncertainty code (round(8 log2(1 + sigma km)), 255 max)
 * Positions are quantised to 0.0055 deg (about 610 m on the ground), far below a glyph on any map; the
 * binary form keeps a 15,000-object frame near 180 kB where JSON would take about 1 MB.
 * `state` is a GLYPH_* track state for a nation's picture, the owner's nation index (255 nobody) for truth.
 * A view's names table only grows: slot k names the same designation for as long as the connection
 * watches that view (the white cell's picture switcher starts the table anew).
 */

export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL = 'vigil.1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'vigil-token.';
export const FRAME_MAGIC = 0x314c4756; // 'VGL1' little-endian
export const FRAME_HEADER_BYTES = 32;
export const FRAME_RECORD_BYTES = 12;
export const FRAME_FLAG_TRUTH = 1;

/** WebSocket close codes the server uses (4000-4999 are the application's). */
export const CLOSE = {
  authTimeout: 4000,
  badToken: 4001,
  tooSlow: 4008,
  policy: 1008,
  tooBig: 1009,
  shutdown: 1001,
} as const;

/** Largest message the server accepts, bytes (ws maxPayload). */
export const MESSAGE_BYTES_MAX = 64 * 1024;

export type CellRole = 'white' | 'nation' | 'observer';

export type ClockAction =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'speed'; speed: number }
  | { action: 'step' }
  | { action: 'run-to'; tick?: number; timeUtc?: string };

/** Orders a nation cell gives; objects are named as the nation knows them (its designations). */
export type Order =
  | { kind: 'task-sensor'; nation: string; sensor: string; priority: string[] }
  | { kind: 'manoeuvre'; nation: string; object: string; deltaV: { radialMps?: number; alongTrackMps?: number; crossTrackMps?: number } }
  | { kind: 'jammer'; nation: string; jammer: string; action: 'on' | 'off'; durationS?: number }
  | { kind: 'engage'; nation: string; weapon: string; target: string; durationS?: number }
  | { kind: 'agreement'; nation: string; agreement: string; action: 'sign' | 'suspend' | 'resume' | 'revoke' };

export type ClientMessage =
  | { type: 'hello'; token: string; sinceSeq?: number; id?: number }
  | ({ type: 'clock'; id?: number } & ClockAction)
  | { type: 'publish' | 'hold' | 'skip'; inject: string; id?: number }
  | { type: 'inject'; inject: Record<string, unknown>; id?: number }
  | { type: 'adjudicate'; order: string; approve: boolean; reason?: string; id?: number }
  | { type: 'respond'; inject: string; nation: string; id?: number }
  | { type: 'view'; picture: string; id?: number }
  | { type: 'order'; order: Order; id?: number }
  | { type: 'inspect'; designation: string; id?: number }
  /** Review of a recorded game only: go to a tick (back means the recorded game again from its start). */
  | { type: 'seek'; tick: number; id?: number };

export interface ClockState {
  tick: number;
  lastTick: number;
  timeUtc: string;
  paused: boolean;
  speed: number;
  /** run-to target tick, or null. */
  runTo: number | null;
  /** Sim seconds per wall second achieved over the last few seconds (below `speed` when the sim cannot keep up). */
  achievedSpeed: number;
}

export interface CellInfo {
  id: string;
  name: string;
  role: CellRole;
  nations: string[];
}

export type ServerMessage =
  | { type: 'welcome'; version: number; marking: string; scenario: string; cell: CellInfo; nations: { id: string; name: string; side: string }[]; orders: string[]; adjudication: string; levels: string[]; review?: boolean; clock: ClockState; frameHz: number; stepMs: number; epochMs: number; assets?: { sensors: string[]; jammers: string[]; weapons: string[]; agreements: string[] } }
  | { type: 'ack'; id?: number; result?: unknown }
  | { type: 'error'; id?: number; code: string; message: string }
  | { type: 'clock'; clock: ClockState }
  | { type: 'names'; from: number; names: { d: string; n: string; norad: number | null; k: string | null }[] }
  | { type: 'overlays'; overlays: Overlays }
  | { type: 'events'; events: unknown[] }
  | { type: 'msel'; injects: unknown[]; responses: unknown[] }
  | { type: 'orders'; orders: unknown[] }
  | { type: 'inspected'; id?: number; designation: string; track: unknown; groundTrack?: [number, number][] }
  | { type: 'bye'; reason: string }
  /** Review: the game went back in time; forget events, names and frames held. */
  | { type: 'reset'; reason: string }
  /** Review: the recorded game's commands, for the timeline. */
  | { type: 'timeline'; lastTick: number; records: { seq: number; tick: number; cell: string; type: string; text: string }[] };

/** A view's map overlays (the `overlays` message; built by server/overlays.ts). */
export interface Overlays {
  /** The highest level of anything the view holds (truth: the scenario's highest level). */
  classification: string;
  sensors: { id: string; kind: string; owner: string; latDeg: number; lonDeg: number; radiusKm: number; down: boolean }[];
  /** White: the scenario's jammers; a nation: the emitters it has located (uncertaintyKm set). */
  jammers: { id: string; latDeg: number; lonDeg: number; on: boolean; uncertaintyKm: number | null; band: string }[];
  /** GNSS receivers: their points and the share with a fix (white: each point's own fix). */
  pnt: { receiver: string; fixFraction: number; points: [number, number, number][] }[];
  /** SATCOM terminals: where, which satellite, up or down. */
  satcom: { terminal: string; latDeg: number; lonDeg: number; satellite: string | null; up: boolean; jammed: boolean }[];
  /** White: interceptor flights (site to intercept); a nation: the launches it was warned of. */
  asat: { id: string; from: [number, number]; to: [number, number] | null; launchUtc: string; interceptUtc: string | null; outcome: string }[];
  conjunctions: { id: string; object1: string; object2: string; tcaUtc: string; missKm: number; pc: number; by: string }[];
}

export interface FrameHeader {
  version: number;
  truth: boolean;
  tick: number;
  count: number;
  simTimeMs: number;
  names: number;
}

export interface FrameGlyph {
  slot: number;
  latDeg: number;
  lonDeg: number;
  altKm: number;
  state: number;
  /** Uncertainty decoded from its code, km (approximate). */
  sigmaKm: number;
}

const LAT_SCALE = 32767 / 90;
const LON_SCALE = 32767 / 180;

export function sigmaCode(sigmaKm: number): number {
  if (!(sigmaKm > 0)) return 0;
  return Math.min(255, Math.round(8 * Math.log2(1 + sigmaKm)));
}

export function sigmaFromCode(code: number): number {
  return 2 ** (code / 8) - 1;
}

/** Write one frame; `glyph(i, out)` fills record i's fields. */
export function encodeFrame(
  header: Omit<FrameHeader, 'version'>,
  fill: (i: number, rec: { slot: number; latDeg: number; lonDeg: number; altKm: number; state: number; sigmaKm: number }) => void,
): Uint8Array {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES + header.count * FRAME_RECORD_BYTES);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, FRAME_MAGIC, true);
  v.setUint16(4, PROTOCOL_VERSION, true);
  v.setUint16(6, header.truth ? FRAME_FLAG_TRUTH : 0, true);
  v.setUint32(8, header.tick, true);
  v.setUint32(12, header.count, true);
  v.setFloat64(16, header.simTimeMs, true);
  v.setUint32(24, header.names, true);
  const rec = { slot: 0, latDeg: 0, lonDeg: 0, altKm: 0, state: 0, sigmaKm: 0 };
  for (let i = 0; i < header.count; i++) {
    fill(i, rec);
    const o = FRAME_HEADER_BYTES + i * FRAME_RECORD_BYTES;
    v.setUint32(o, rec.slot, true);
    v.setInt16(o + 4, Math.round(rec.latDeg * LAT_SCALE), true);
    v.setInt16(o + 6, Math.round(wrapLon(rec.lonDeg) * LON_SCALE), true);
    v.setUint16(o + 8, Math.max(0, Math.min(65535, Math.round(rec.altKm))), true);
    v.setUint8(o + 10, rec.state);
    v.setUint8(o + 11, sigmaCode(rec.sigmaKm));
  }
  return bytes;
}

function wrapLon(lon: number): number {
  return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}

/** Read a frame's header; null when the bytes are not a frame of this version. */
export function decodeFrameHeader(bytes: Uint8Array): FrameHeader | null {
  if (bytes.byteLength < FRAME_HEADER_BYTES) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, true) !== FRAME_MAGIC) return null;
  const version = v.getUint16(4, true);
  const count = v.getUint32(12, true);
  if (version !== PROTOCOL_VERSION || bytes.byteLength !== FRAME_HEADER_BYTES + count * FRAME_RECORD_BYTES) return null;
  return { version, truth: (v.getUint16(6, true) & FRAME_FLAG_TRUTH) !== 0, tick: v.getUint32(8, true), count, simTimeMs: v.getFloat64(16, true), names: v.getUint32(24, true) };
}

/** Every glyph of a frame (tests and tools; the viewer reads the records in place). */
export function decodeFrame(bytes: Uint8Array): { header: FrameHeader; glyphs: FrameGlyph[] } | null {
  const header = decodeFrameHeader(bytes);
  if (!header) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const glyphs: FrameGlyph[] = [];
  for (let i = 0; i < header.count; i++) {
    const o = FRAME_HEADER_BYTES + i * FRAME_RECORD_BYTES;
    glyphs.push({
      slot: v.getUint32(o, true),
      latDeg: v.getInt16(o + 4, true) / LAT_SCALE,
      lonDeg: v.getInt16(o + 6, true) / LON_SCALE,
      altKm: v.getUint16(o + 8, true),
      state: v.getUint8(o + 10),
      sigmaKm: sigmaFromCode(v.getUint8(o + 11)),
    });
  }
  return { header, glyphs };
}
