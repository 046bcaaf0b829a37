/**
 * Client messages checked before anything reads them: a zod schema per message type (protocol.ts), strict
 * (an unknown key is refused), sizes bounded. A message that fails gets an error frame naming the field
 * and changes nothing.
 */
import { z } from 'zod';
import type { ClientMessage } from '../protocol.js';

const Id = z.string().min(1).max(128);
const Nation = z.string().regex(/^[A-Z]{3}$/);
const Seq = z.number().int().min(0).max(2 ** 31).optional();
const Duration = z.number().positive().max(7 * 86_400).optional();

const Order = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('task-sensor'), nation: Nation, sensor: Id, priority: z.array(Id).max(1000) }),
  z.strictObject({ kind: z.literal('manoeuvre'), nation: Nation, object: Id, deltaV: z.strictObject({ radialMps: z.number().optional(), alongTrackMps: z.number().optional(), crossTrackMps: z.number().optional() }) }),
  z.strictObject({ kind: z.literal('jammer'), nation: Nation, jammer: Id, action: z.enum(['on', 'off']), durationS: Duration }),
  z.strictObject({ kind: z.literal('engage'), nation: Nation, weapon: Id, target: Id, durationS: Duration }),
  z.strictObject({ kind: z.literal('agreement'), nation: Nation, agreement: Id, action: z.enum(['sign', 'suspend', 'resume', 'revoke']) }),
]);

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), token: z.string().min(1).max(256), sinceSeq: Seq, id: Seq }),
  z.discriminatedUnion('action', [
    z.strictObject({ type: z.literal('clock'), action: z.literal('pause'), id: Seq }),
    z.strictObject({ type: z.literal('clock'), action: z.literal('resume'), id: Seq }),
    z.strictObject({ type: z.literal('clock'), action: z.literal('step'), id: Seq }),
    z.strictObject({ type: z.literal('clock'), action: z.literal('speed'), speed: z.number().min(1).max(3600), id: Seq }),
    z.strictObject({ type: z.literal('clock'), action: z.literal('run-to'), tick: z.number().int().min(0).max(2 ** 31).optional(), timeUtc: z.iso.datetime().optional(), id: Seq })
      .refine((m) => (m.tick === undefined) !== (m.timeUtc === undefined), { message: 'give tick or timeUtc (one of them)' }),
  ]),
  z.strictObject({ type: z.literal('publish'), inject: Id, id: Seq }),
  z.strictObject({ type: z.literal('hold'), inject: Id, id: Seq }),
  z.strictObject({ type: z.literal('skip'), inject: Id, id: Seq }),
  z.strictObject({ type: z.literal('inject'), inject: z.record(z.string(), z.unknown()), id: Seq }),
  z.strictObject({ type: z.literal('adjudicate'), order: Id, approve: z.boolean(), reason: z.string().max(500).optional(), id: Seq }),
  z.strictObject({ type: z.literal('respond'), inject: Id, nation: Nation, id: Seq }),
  z.strictObject({ type: z.literal('view'), picture: z.union([Nation, z.literal('truth')]), id: Seq }),
  z.strictObject({ type: z.literal('order'), order: Order, id: Seq }),
  z.strictObject({ type: z.literal('inspect'), designation: Id, id: Seq }),
  z.strictObject({ type: z.literal('seek'), tick: z.number().int().min(0).max(2 ** 31), id: Seq }),
]);

/** The message, or what is wrong with it (the field and the problem). */
export function parseClientMessage(data: unknown): { ok: true; msg: ClientMessage } | { ok: false; message: string } {
  const r = ClientMessageSchema.safeParse(data);
  if (r.success) return { ok: true, msg: r.data as ClientMessage };
  const issue = r.error.issues[0];
  const where = issue.path.length > 0 ? issue.path.join('.') : 'message';
  // Bounded: an error never echoes a huge key or value back.
  return { ok: false, message: `${where}: ${issue.message}`.slice(0, 300) };
}
