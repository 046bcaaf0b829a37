/**
 * The resolved model of electronic warfare and PNT (scenario sections `satcom`, `jammers`, `pnt`):
 * transponders, terminals, jammers and GNSS receivers, every reference checked by the loader and every
 * default applied. Units in names; times as ticks or ms from the epoch.
 *
 * Read next: ew/ (the state and systems that use these), scenarios/schema-ew.ts (the YAML).
 */
import type { ItemMarkingModel } from './model.js';

export type BandName = 'UHF' | 'L' | 'S' | 'C' | 'X' | 'Ku' | 'K' | 'Ka' | 'Q' | 'V';
export type ConstellationName = 'GPS' | 'GALILEO' | 'GLONASS' | 'BEIDOU';

/** A point on or above the Earth, WGS-84. */
export interface GeoPointModel {
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altKm: number;
}

/** Where a terminal, jammer or receiver is. */
export type PlatformModel =
  | { readonly kind: 'fixed'; readonly point: GeoPointModel }
  | { readonly kind: 'object'; readonly object: string }
  | { readonly kind: 'track'; readonly waypoints: readonly (GeoPointModel & { readonly atMs: number })[] };

export type BeamModel =
  | { readonly kind: 'global' }
  | { readonly kind: 'spot'; readonly latDeg: number; readonly lonDeg: number; readonly halfAngleDeg: number };

export interface TransponderModel {
  readonly id: string;
  readonly name: string;
  /** The object id of the satellite that carries it. */
  readonly satellite: string;
  readonly owner: string;
  readonly band: BandName;
  readonly uplinkGHz: number;
  readonly downlinkGHz: number;
  readonly bandwidthMHz: number;
  readonly eirpDbw: number;
  readonly gOverTDbPerK: number;
  readonly beam: BeamModel;
  /** Most terminals served at once (null: no limit). */
  readonly terminalsMax: number | null;
  readonly marking: ItemMarkingModel;
}

export interface TerminalModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly platform: PlatformModel;
  readonly eirpDbw: number;
  readonly gainDbi: number;
  readonly gOverTDbPerK: number;
  readonly dataRateMbps: number;
  readonly requiredEbN0Db: number;
  /** Eb/N0 + 10 log10(rate): what its combined C/N0 must reach, dB-Hz. */
  readonly requiredCn0DbHz: number;
  /** Its carrier: occupied bandwidth, and centre offset from the transponder's centre, MHz. */
  readonly carrierBandwidthMHz: number;
  readonly carrierOffsetMHz: number;
  readonly pointingLossDb: number;
  readonly elevationDegMin: number;
  /** Transponder ids in preference order. */
  readonly transponders: readonly string[];
  readonly priority: number;
  readonly marking: ItemMarkingModel;
}

export type JammerTargetModel =
  | { readonly kind: 'satellite'; readonly object: string }
  | { readonly kind: 'ground'; readonly latDeg: number; readonly lonDeg: number };

export interface JammerModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly platform: PlatformModel;
  readonly band: BandName;
  readonly frequencyGHz: number;
  readonly bandwidthMHz: number;
  readonly eirpDbw: number;
  readonly gainDbi: number;
  /** Half-power beamwidth, degrees; null when omnidirectional. */
  readonly beamwidthDeg: number | null;
  readonly target: JammerTargetModel;
  /** When it radiates, from the scenario: [fromTick, untilTick) ranges (untilTick null: to the end). */
  readonly windows: readonly { readonly fromTick: number; readonly untilTick: number | null }[];
  readonly marking: ItemMarkingModel;
}

export interface ReceiverModel {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  /** One platform, or the points of a grid (fixed). */
  readonly platforms: readonly PlatformModel[];
  readonly constellations: readonly ConstellationName[];
  readonly mode: 'single' | 'multi';
  readonly elevationDegMin: number;
  readonly pdopMax: number;
  readonly jammingToleranceDb: number;
  readonly antennaGainDbi: number;
  readonly marking: ItemMarkingModel;
}
