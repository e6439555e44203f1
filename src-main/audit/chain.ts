import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The audit trail is a hash chain: each event's hash covers its own fields and the previous
 * event's hash, so changing or removing any event breaks every hash after it.
 */
export interface AuditEventFields {
  seq: number;
  at: string;
  userId: string | null;
  roles: string;
  action: string;
  channel: string | null;
  personId: string | null;
  outcome: string;
  detail: string;
}

export const genesisHash = '0'.repeat(64);

/** A fixed-order JSON array: the same fields always serialise to the same bytes. */
export function canonicalAuditText(fields: AuditEventFields, previousHash: string): string {
  return JSON.stringify([
    'planwell-audit-v1',
    fields.seq,
    fields.at,
    fields.userId,
    fields.roles,
    fields.action,
    fields.channel,
    fields.personId,
    fields.outcome,
    fields.detail,
    previousHash,
  ]);
}

export function auditEventHash(fields: AuditEventFields, previousHash: string): string {
  return createHash('sha256').update(canonicalAuditText(fields, previousHash), 'utf8').digest('hex');
}

/**
 * The chain's head is also kept outside the database, authenticated with a key derived from the
 * database key, so cutting events off the end is detected too — and nobody without the key can
 * write a matching head.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export function auditHeadKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'planwell audit head v1', 32));
}

export function auditHeadMac(head: AuditHead, key: Buffer): string {
  return createHmac('sha256', key).update(`${head.seq}:${head.hash}`, 'utf8').digest('hex');
}

export function auditHeadMacMatches(head: AuditHead, mac: string, key: Buffer): boolean {
  const expected = Buffer.from(auditHeadMac(head, key), 'hex');
  const received = Buffer.from(mac, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
}
