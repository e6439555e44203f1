import type { SignedInUser } from '../../src-shared/contract';

/**
 * What the crash harness and its writer process say to each other. The parent sends the config
 * as one JSON line on the writer's stdin (with the raw database key, so the writer needs no scrypt
 * log-in); the writer prints one JSON line per event on stdout.
 */
export interface WriterConfig {
  dataDirectory: string;
  /** The 32-byte database key, hex. Only this test harness ever hands a raw key to another process. */
  keyHex: string;
  user: SignedInUser;
  /** Seeds the writer's choice of operations, so a round can be replayed. */
  seed: number;
  /** The round number: tags what the writer writes, so every value is unique across rounds. */
  round: number;
  /** The first nine digits of the NHS numbers this round may use, [first, last). */
  nhsBodies: { first: number; last: number };
  /** SQLite's wal_autocheckpoint for this round, or null for the app's default. */
  walAutocheckpointPages: number | null;
}

/**
 * One acknowledged (or in-flight) write, with what identifies it in the database. A rowVersion
 * is the one the write leads to; `tag` is written into the row's notes so it can be found.
 */
export type Intent =
  | { op: 'person'; nhsNumber: string }
  | { op: 'draft'; personId: string }
  | { op: 'saveDraft'; planId: string; rowVersion: number }
  | { op: 'budget'; planId: string; rowVersion: number }
  | { op: 'agree'; planId: string; personId: string }
  | { op: 'spend'; personId: string; reference: string; amountPence: number; receiptBytes: number }
  | { op: 'referral'; personId: string; tag: string }
  | { op: 'contact'; referralId: string; tag: string }
  | { op: 'formDraft'; key: string; n: number };

/** The form draft the writer keeps saving, as autosave does while someone types. */
export const formDraftKey = 'crash-harness:form';

export type Operation = Intent['op'];

export type WriterLine =
  /**
   * The database is open and the session begun, `milliseconds` after the config arrived; the
   * process had loaded its code `loadedMilliseconds` after it started. Writes start now.
   */
  | { t: 'ready'; milliseconds: number; loadedMilliseconds: number }
  /** Printed just before the dispatch call. */
  | { t: 'begin'; intent: Intent }
  /** Printed after the call answered ok; `id` is the row it made, when it made one. */
  | { t: 'ack'; intent: Intent; id?: string }
  /** Anything unexpected: the writer exits non-zero after printing it. */
  | { t: 'error'; message: string };
