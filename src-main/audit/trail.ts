import { existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditAction, AuditIntegrity, SignedInUser } from '../../src-shared/contract';
import { writeFileAtomically } from '../auth/keyring';
import type { Clock } from '../clock';
import type { SqliteDatabase } from '../db/open';
import type { DatabaseSchema } from '../db/schema';
import {
  auditEventHash,
  auditHeadMac,
  auditHeadMacMatches,
  genesisHash,
  type AuditEventFields,
  type AuditHead,
} from './chain';

export interface AuditEntry {
  /** Who did it; null for events with nobody signed in (a failed log-in is recorded with the name tried). */
  user: SignedInUser | null;
  action: AuditAction;
  channel?: string;
  personId?: string;
  outcome?: 'success' | 'failure';
  /** A short, plain description. Never clinical content: the trail is read by administrators. */
  detail?: string;
  /** When it happened, if not now (failed log-ins are written at the next successful one). */
  at?: Date;
}

/**
 * Appends one event to the chain. Call it with the transaction that makes the change it records,
 * so the change and its audit row are committed together or not at all.
 */
export async function recordAudit(db: Kysely<DatabaseSchema>, clock: Clock, entry: AuditEntry): Promise<AuditHead> {
  const last = await db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const previousHash = last?.hash ?? genesisHash;
  const fields: AuditEventFields = {
    seq: (last?.seq ?? 0) + 1,
    at: (entry.at ?? clock.now()).toISOString(),
    userId: entry.user?.id ?? null,
    roles: entry.user ? [...entry.user.roles].sort().join(',') : '',
    action: entry.action,
    channel: entry.channel ?? null,
    personId: entry.personId ?? null,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail ?? '',
  };
  const hash = auditEventHash(fields, previousHash);
  await db
    .insertInto('audit_event')
    .values({
      seq: fields.seq,
      at: fields.at,
      user_id: fields.userId,
      roles: fields.roles,
      action: fields.action,
      channel: fields.channel,
      person_id: fields.personId,
      outcome: fields.outcome,
      detail: fields.detail,
      prev_hash: previousHash,
      hash,
    })
    .execute();
  return { seq: fields.seq, hash };
}

const headFileSchema = z.object({
  format: z.literal('planwell-audit-head'),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The newest event in the database, or the empty chain's head. */
export function currentAuditHead(sqlite: SqliteDatabase): AuditHead {
  const row = sqlite.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined;
  return row ?? { seq: 0, hash: genesisHash };
}

/**
 * Keeps audit-head.json beside the keyring up to date. Written after each commit without fsync:
 * after a crash it may lag behind the database, which is harmless — only a database that is
 * behind its head (events cut off the end) is reported.
 */
export function writeAuditHead(path: string, head: AuditHead, key: Buffer): void {
  const file = { format: 'planwell-audit-head', seq: head.seq, hash: head.hash, mac: auditHeadMac(head, key) };
  writeFileAtomically(path, `${JSON.stringify(file)}\n`, { durable: false });
}

/**
 * Whether audit-head.json, under a valid MAC, names an event the database still holds unchanged
 * (or the empty chain). Only then may the head move forward: otherwise the file is the evidence
 * that events were cut, changed or the file itself was tampered with, and verify must keep seeing it.
 */
export function auditHeadFileHolds(sqlite: SqliteDatabase, path: string, key: Buffer): boolean {
  const state = readAuditHeadFile(path);
  if (state.kind !== 'present' || !auditHeadMacMatches(state.head, state.mac, key)) return false;
  if (state.head.seq === 0) return state.head.hash === genesisHash;
  const row = sqlite.prepare('SELECT hash FROM audit_event WHERE seq = ?').get(state.head.seq) as { hash: string } | undefined;
  return row?.hash === state.head.hash;
}

type HeadFileState = { kind: 'missing' } | { kind: 'damaged' } | { kind: 'present'; head: AuditHead; mac: string };

function readAuditHeadFile(path: string): HeadFileState {
  if (!existsSync(path)) return { kind: 'missing' };
  try {
    const parsed = headFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) return { kind: 'damaged' };
    return { kind: 'present', head: { seq: parsed.data.seq, hash: parsed.data.hash }, mac: parsed.data.mac };
  } catch {
    return { kind: 'damaged' };
  }
}

/**
 * Walks the whole chain in order: every sequence number present, every event's link to the one
 * before, every hash recomputed; then compares the end with the head kept outside the database.
 */
export function verifyAuditTrail(sqlite: SqliteDatabase, headPath: string, headKey: Buffer): AuditIntegrity {
  let expectedSeq = 1;
  let previousHash = genesisHash;
  const hashesBySeq = new Map<number, string>();
  const rows = sqlite
    .prepare('SELECT seq, at, user_id, roles, action, channel, person_id, outcome, detail, prev_hash, hash FROM audit_event ORDER BY seq')
    .iterate() as IterableIterator<{
    seq: number; at: string; user_id: string | null; roles: string; action: string; channel: string | null;
    person_id: string | null; outcome: string; detail: string; prev_hash: string; hash: string;
  }>;
  const fileState = readAuditHeadFile(headPath);
  const headSeq = fileState.kind === 'present' ? fileState.head.seq : -1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { intact: false, firstBrokenSeq: expectedSeq, reason: `Event ${expectedSeq} is missing.` };
    }
    if (row.prev_hash !== previousHash) {
      return { intact: false, firstBrokenSeq: row.seq, reason: `Event ${row.seq} does not follow on from event ${row.seq - 1}.` };
    }
    const fields: AuditEventFields = {
      seq: row.seq, at: row.at, userId: row.user_id, roles: row.roles, action: row.action, channel: row.channel,
      personId: row.person_id, outcome: row.outcome, detail: row.detail,
    };
    if (auditEventHash(fields, previousHash) !== row.hash) {
      return { intact: false, firstBrokenSeq: row.seq, reason: `Event ${row.seq} was changed after it was written.` };
    }
    if (row.seq === headSeq) hashesBySeq.set(row.seq, row.hash);
    previousHash = row.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (fileState.kind === 'damaged') {
    return { intact: false, firstBrokenSeq: lastSeq + 1, reason: 'The audit head file beside the database is damaged.' };
  }
  if (fileState.kind === 'present') {
    if (!auditHeadMacMatches(fileState.head, fileState.mac, headKey)) {
      return { intact: false, firstBrokenSeq: Math.min(fileState.head.seq, lastSeq + 1), reason: 'The audit head file was changed outside PlanWell.' };
    }
    if (fileState.head.seq > lastSeq) {
      return {
        intact: false,
        firstBrokenSeq: lastSeq + 1,
        reason: `Events ${lastSeq + 1} to ${fileState.head.seq} have been removed from the end of the trail.`,
      };
    }
    if (fileState.head.seq > 0 && hashesBySeq.get(fileState.head.seq) !== fileState.head.hash) {
      return { intact: false, firstBrokenSeq: fileState.head.seq, reason: `Event ${fileState.head.seq} does not match the copy kept outside the database.` };
    }
  } else if (lastSeq > 0) {
    return { intact: false, firstBrokenSeq: 1, reason: 'The audit head file beside the database is missing.' };
  }
  return { intact: true, events: lastSeq };
}
