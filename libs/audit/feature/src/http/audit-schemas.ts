import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const pledgeIdSchema = z.string().regex(UUID, 'a pledge id (UUID)');
export const bureauIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and - (2 to 64)');
export const memberIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'letters, digits, - and _ (up to 100)');
/** As the request middleware accepts a caller's correlation id (`x-correlation-id`). */
export const correlationIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - (up to 100), as x-correlation-id carries it');
export const yearSchema = z.coerce.number().int().min(2000).max(2200);
const reason = z.string().trim().min(1).max(500).optional();

export const timelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  asOf: z.iso.datetime({ offset: true }).optional(),
  reason,
});
export const aggregatesQuery = z.strictObject({ asOf: z.iso.datetime({ offset: true }).optional(), reason });
export const reasonQuery = z.strictObject({ reason });
export const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().max(200).optional(), reason });

export const exportBody = z.strictObject({
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('pledge'), pledgeId: pledgeIdSchema }),
    z.strictObject({ kind: z.literal('member-year'), bureauId: bureauIdSchema, memberId: memberIdSchema, year: yearSchema }),
    z.strictObject({ kind: z.literal('branch-year'), bureauId: bureauIdSchema, branchId: memberIdSchema, year: yearSchema }),
    z.strictObject({ kind: z.literal('bureau-year'), bureauId: bureauIdSchema, year: yearSchema }),
  ]),
  reason,
  includeAuditLog: z.boolean().default(false),
});

/** Opaque page cursors: the last global position (timelines) or revision (audit logs) returned. */
export const encodeCursor = (value: number) => Buffer.from(`a:${value}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): number | undefined | null {
  if (!cursor) return undefined;
  const match = /^a:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
