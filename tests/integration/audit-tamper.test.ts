import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash, type AuditEventFields } from '../../src-main/audit/chain';
import { verifyAuditTrail } from '../../src-main/audit/trail';
import type { AuditIntegrity } from '../../src-shared/contract';
import {
  auditHeadPath,
  auditPracticeFrom,
  auditRow,
  auditRows,
  createAuditTemplate,
  dropAuditTriggers,
  lastAuditSeq,
  logInAsAdmin,
  readAuditHeadFile,
  restoreAuditTriggers,
  sessionOf,
  sqliteOf,
  type AuditPractice,
  type AuditRow,
  type AuditTemplate,
} from '../fixtures/audit';
import { callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';

/**
 * Someone with the database key (and raw SQL) changes the trail behind PlanWell's back. Each kind
 * of damage must be reported by audit.verify, and by verifyAuditTrail directly, at the right event.
 */

let template: AuditTemplate;
let practice: AuditPractice | undefined;

beforeAll(async () => {
  const nextNhsNumber = nhsNumberSource('999333');
  // 1 set-up, then 6 × (create, view, view): 19 events. Each test's log-in adds event 20.
  template = await createAuditTemplate(async ({ app, clock }) => {
    for (let i = 0; i < 6; i++) {
      clock.advance(600_000);
      const person = await callOk(app, 'people.create', { givenName: `Given${i}`, familyName: `Family${i}`, dateOfBirth: '1960-04-01', nhsNumber: nextNhsNumber() });
      await callOk(app, 'people.get', { id: person.id });
      await callOk(app, 'people.get', { id: person.id });
    }
  });
});
afterAll(() => template.remove());
afterEach(async () => {
  await practice?.close();
  practice = undefined;
});

async function freshPractice(): Promise<AuditPractice> {
  practice = await auditPracticeFrom(template);
  const sqlite = sqliteOf(practice.app);
  // Starts intact, with the head file naming the newest event.
  expect(lastAuditSeq(sqlite)).toBe(20);
  expect(readAuditHeadFile(practice.dataDirectory)?.seq).toBe(20);
  return practice;
}

/** verifyAuditTrail over the open session's database and the head file, with nothing synced first. */
function verifyDirectly(p: AuditPractice): AuditIntegrity {
  const session = sessionOf(p.app);
  return verifyAuditTrail(session.database.sqlite, auditHeadPath(p.dataDirectory), session.auditHeadKey);
}

function fieldsOf(row: AuditRow): AuditEventFields {
  return {
    seq: row.seq, at: row.at, userId: row.user_id, roles: row.roles, action: row.action, channel: row.channel,
    personId: row.person_id, outcome: row.outcome, detail: row.detail,
  };
}

async function expectReportedNow(p: AuditPractice, expected: AuditIntegrity): Promise<void> {
  expect(verifyDirectly(p)).toEqual(expected);
  const seqBefore = lastAuditSeq(sqliteOf(p.app));
  expect(await callOk(p.app, 'audit.verify', {})).toEqual(expected);
  // The failed check is itself recorded, with where and why.
  if (!expected.intact) {
    expect(auditRow(sqliteOf(p.app), seqBefore + 1)).toMatchObject({
      action: 'audit-check', channel: 'audit.verify', outcome: 'failure', detail: `Broken at event ${expected.firstBrokenSeq}: ${expected.reason}`,
    });
  }
}

/**
 * The damage must not be forgotten: not after more work is recorded, not after a restart (the
 * app closed and opened again, someone logging in). Where the break is inside the database the
 * report is the same each time; where it is at the end, later events may move where it is seen.
 */
async function expectStillReported(p: AuditPractice, expected: AuditIntegrity | { intact: false }): Promise<void> {
  const personId = sqliteOf(p.app).prepare('SELECT id FROM person ORDER BY created_at LIMIT 1').pluck().get() as string;
  await callOk(p.app, 'people.get', { id: personId });
  expect(await callOk(p.app, 'audit.verify', {})).toMatchObject(expected);
  expect(verifyDirectly(p)).toMatchObject(expected);

  const app = await p.restart();
  await logInAsAdmin(p);
  expect(await callOk(app, 'audit.verify', {})).toMatchObject(expected);
  expect(verifyDirectly(p)).toMatchObject(expected);
}

// ---------------------------------------------------------------------------------------------

describe('(a) an event changed with raw SQL', () => {
  it.each([
    { column: 'detail', seq: 7, value: 'Nothing to see here' },
    { column: 'person_id', seq: 9, value: 'f3a1c2d4-0000-4000-8000-000000000000' },
    { column: 'at', seq: 4, value: '2025-12-25T03:00:00.000Z' },
    { column: 'outcome', seq: 2, value: 'failure' },
    { column: 'user_id', seq: 1, value: null },
    { column: 'action', seq: 20, value: 'unlock' },
  ] as const)('a changed $column in event $seq is reported at event $seq, and stays reported', async ({ column, seq, value }) => {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    dropAuditTriggers(sqlite);
    sqlite.prepare(`UPDATE audit_event SET ${column} = ? WHERE seq = ?`).run(value, seq);
    restoreAuditTriggers(sqlite);
    const expected: AuditIntegrity = { intact: false, firstBrokenSeq: seq, reason: `Event ${seq} was changed after it was written.` };
    await expectReportedNow(p, expected);
    await expectStillReported(p, expected);
  });
});

describe('(b) an event deleted from the middle', () => {
  it('reports the missing seq, and keeps reporting it after more activity and a restart', async () => {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    dropAuditTriggers(sqlite);
    sqlite.prepare('DELETE FROM audit_event WHERE seq = ?').run(11);
    const expected: AuditIntegrity = { intact: false, firstBrokenSeq: 11, reason: 'Event 11 is missing.' };
    await expectReportedNow(p, expected);
    // The triggers stay dropped: detection does not depend on them.
    await expectStillReported(p, expected);
  });

  it('reports the first of several missing events', async () => {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    dropAuditTriggers(sqlite);
    sqlite.prepare('DELETE FROM audit_event WHERE seq BETWEEN ? AND ?').run(5, 8);
    sqlite.prepare('DELETE FROM audit_event WHERE seq = ?').run(15);
    restoreAuditTriggers(sqlite);
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 5, reason: 'Event 5 is missing.' });
  });

  it('reports a deleted first event', async () => {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    dropAuditTriggers(sqlite);
    sqlite.prepare('DELETE FROM audit_event WHERE seq = 1').run();
    restoreAuditTriggers(sqlite);
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 1, reason: 'Event 1 is missing.' });
  });
});

describe('(c) the last events cut off the end', () => {
  const cut: AuditIntegrity = { intact: false, firstBrokenSeq: 18, reason: 'Events 18 to 20 have been removed from the end of the trail.' };

  async function cutTail(): Promise<AuditPractice> {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    dropAuditTriggers(sqlite);
    sqlite.prepare('DELETE FROM audit_event WHERE seq > ?').run(17);
    restoreAuditTriggers(sqlite);
    // What is left is a perfect chain; only the head kept outside the database knows better.
    expect(lastAuditSeq(sqlite)).toBe(17);
    expect(readAuditHeadFile(p.dataDirectory)?.seq).toBe(20);
    return p;
  }

  it('is reported by verifyAuditTrail at the new last seq + 1, saying events were removed from the end', async () => {
    const p = await cutTail();
    expect(verifyDirectly(p)).toEqual(cut);
  });

  // KNOWN BUG (reported): audit.verify first calls vault.syncAuditHead(), which sees the database's
  // newest event (17) differ from the one it last wrote (20) and rewrites audit-head.json to 17 with
  // a fresh MAC — so the check it then runs finds nothing wrong. Turn these back into it() once
  // syncAuditHead only moves the head forward along the same chain.
  it('is reported by audit.verify in the same session', async () => {
    const p = await cutTail();
    await expectReportedNow(p, cut);
  });

  it('stays reported after more activity and a restart', async () => {
    const p = await cutTail();
    await expectStillReported(p, { intact: false });
  });
});

describe('(d) audit-head.json edited', () => {
  function editHead(p: AuditPractice, change: (head: Record<string, unknown>) => void): void {
    const path = auditHeadPath(p.dataDirectory);
    const head = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    change(head);
    writeFileSync(path, `${JSON.stringify(head)}\n`);
  }

  it('a seq moved on without a valid MAC is reported', async () => {
    const p = await freshPractice();
    editHead(p, (head) => { head.seq = 25; });
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 21, reason: 'The audit head file was changed outside PlanWell.' });
  });

  it('a seq moved back (as if to hide a cut) without a valid MAC is reported', async () => {
    const p = await freshPractice();
    editHead(p, (head) => { head.seq = 17; });
    const result = verifyDirectly(p);
    expect(result).toMatchObject({ intact: false, reason: 'The audit head file was changed outside PlanWell.' });
    expect(await callOk(p.app, 'audit.verify', {})).toEqual(result);
  });

  it('a head moved to another real event, with the old MAC, is reported', async () => {
    const p = await freshPractice();
    const event10 = auditRow(sqliteOf(p.app), 10);
    editHead(p, (head) => { head.seq = 10; head.hash = event10.hash; });
    expect(verifyDirectly(p)).toMatchObject({ intact: false, reason: 'The audit head file was changed outside PlanWell.' });
  });

  it('a damaged head file is reported', async () => {
    const p = await freshPractice();
    writeFileSync(auditHeadPath(p.dataDirectory), '{"format":"planwell-audit-head","seq":');
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 21, reason: 'The audit head file beside the database is damaged.' });
  });

  // KNOWN BUG (reported): the next request that writes an event rewrites the head file with a
  // fresh MAC, and the edit is forgotten; a restart (log-out, log-in) forgets it too.
  it('stays reported after more activity and a restart', async () => {
    const p = await freshPractice();
    editHead(p, (head) => { head.seq = 25; });
    await expectStillReported(p, { intact: false });
  });
});

describe('(e) audit-head.json deleted while events exist', () => {
  it('is reported', async () => {
    const p = await freshPractice();
    rmSync(auditHeadPath(p.dataDirectory));
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 1, reason: 'The audit head file beside the database is missing.' });
  });

  // KNOWN BUG (reported): the next event written recreates the file, so the deletion is forgotten.
  it('stays reported after more activity and a restart', async () => {
    const p = await freshPractice();
    rmSync(auditHeadPath(p.dataDirectory));
    await expectStillReported(p, { intact: false });
  });
});

describe('(f) an event changed and its hash recomputed (the scheme is known, the key is not)', () => {
  function forge(p: AuditPractice, seq: number, change: Partial<AuditEventFields>): void {
    const sqlite = sqliteOf(p.app);
    const row = auditRow(sqlite, seq);
    const fields = { ...fieldsOf(row), ...change };
    const hash = auditEventHash(fields, row.prev_hash);
    dropAuditTriggers(sqlite);
    sqlite.prepare('UPDATE audit_event SET detail = ?, person_id = ?, hash = ? WHERE seq = ?').run(fields.detail, fields.personId, hash, seq);
    restoreAuditTriggers(sqlite);
    expect(auditEventHash(fieldsOf(auditRow(sqlite, seq)), row.prev_hash)).toBe(hash);
  }

  it('a middle event breaks the chain at the next event, and stays reported', async () => {
    const p = await freshPractice();
    forge(p, 12, { detail: 'Opened the record by mistake' });
    const expected: AuditIntegrity = { intact: false, firstBrokenSeq: 13, reason: 'Event 13 does not follow on from event 12.' };
    await expectReportedNow(p, expected);
    await expectStillReported(p, expected);
  });

  it('the last event is caught by the head file kept outside the database', async () => {
    const p = await freshPractice();
    forge(p, 20, { detail: 'Logged in from home' });
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 20, reason: 'Event 20 does not match the copy kept outside the database.' });
  });

  it('a middle event with every later event re-chained is caught by the head file, at the last event', async () => {
    const p = await freshPractice();
    const sqlite = sqliteOf(p.app);
    const rows = auditRows(sqlite);
    dropAuditTriggers(sqlite);
    const update = sqlite.prepare('UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    let previous = rows[4]!.hash;
    for (const row of rows.slice(5)) {
      const fields = { ...fieldsOf(row), detail: row.seq === 6 ? 'Altered' : row.detail };
      const hash = auditEventHash(fields, previous);
      update.run(fields.detail, previous, hash, row.seq);
      previous = hash;
    }
    restoreAuditTriggers(sqlite);
    await expectReportedNow(p, { intact: false, firstBrokenSeq: 20, reason: 'Event 20 does not match the copy kept outside the database.' });
  });

  // KNOWN BUG (reported): the next event is chained onto the forged hash and the head file is then
  // rewritten to it, so the forgery at the end is forgotten after any further activity.
  it('the last event stays reported after more activity and a restart', async () => {
    const p = await freshPractice();
    forge(p, 20, { detail: 'Logged in from home' });
    await expectStillReported(p, { intact: false });
  });
});
