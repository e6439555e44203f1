import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanWellApp } from '../../src-main/app';
import { auditHeadMacMatches } from '../../src-main/audit/chain';
import { recordAudit, verifyAuditTrail } from '../../src-main/audit/trail';
import type { AuditEvent, AuditFilter, NewPersonInput, Person, SignedInUser } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import {
  auditHeadPath,
  auditPracticeName,
  auditRow,
  auditRows,
  auditTriggerNames,
  lastAuditSeq,
  logInAsAdmin,
  ManualClock,
  readAuditHeadFile,
  sessionOf,
  setUpAuditPractice,
  sqliteOf,
  type AuditPractice,
  type AuditRow,
} from '../fixtures/audit';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';

const genesis = '0'.repeat(64);
const nextNhsNumber = nhsNumberSource('999222');

function personInput(givenName: string, familyName: string, dateOfBirth = '1950-06-15'): NewPersonInput {
  return { givenName, familyName, dateOfBirth, nhsNumber: nextNhsNumber() };
}

/** The fields a test compares: everything but the hashes, which the chain tests check. */
function summary(row: AuditRow) {
  return {
    action: row.action,
    user_id: row.user_id,
    roles: row.roles,
    channel: row.channel,
    person_id: row.person_id,
    outcome: row.outcome,
    detail: row.detail,
  };
}

async function listAll(app: PlanWellApp, filter: AuditFilter = {}): Promise<{ events: AuditEvent[]; total: number }> {
  return callOk(app, 'audit.list', { filter, limit: 500, offset: 0 });
}

async function seqsFor(app: PlanWellApp, filter: AuditFilter): Promise<{ seqs: number[]; total: number }> {
  const { events, total } = await listAll(app, filter);
  return { seqs: events.map((event) => event.seq), total };
}

const adminRoles = 'administrator,link-worker';

// ---------------------------------------------------------------------------------------------

describe('what the audit trail records', () => {
  let practice: AuditPractice;
  let admin: SignedInUser;
  const loggedErrors: unknown[] = [];
  beforeAll(async () => {
    practice = await setUpAuditPractice({ logError: (_channel, error) => loggedErrors.push(error) });
    admin = practice.user;
  });
  afterAll(() => practice.close());

  const sqlite = () => sqliteOf(practice.app);

  it('records set-up as event 1, by the first administrator, chained from the all-zero hash', () => {
    const [first, ...rest] = auditRows(sqlite());
    expect(rest).toEqual([]);
    expect(first).toEqual({
      seq: 1,
      at: '2026-01-05T09:00:00.000Z',
      user_id: admin.id,
      roles: adminRoles,
      action: 'set-up',
      channel: 'setup.createPractice',
      person_id: null,
      outcome: 'success',
      detail: `Set up PlanWell for ${auditPracticeName}`,
      prev_hash: genesis,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('records log-out, log-in, lock and unlock once each, in order', async () => {
    const before = lastAuditSeq(sqlite());
    await callOk(practice.app, 'auth.logOut', {});
    await logInAsAdmin(practice);
    await callOk(practice.app, 'auth.lock', {});
    await callOk(practice.app, 'auth.unlock', { password: practice.admin.password });
    expect(auditRows(sqlite(), before).map(summary)).toEqual([
      { action: 'log-out', user_id: admin.id, roles: adminRoles, channel: 'auth.logOut', person_id: null, outcome: 'success', detail: '' },
      { action: 'log-in', user_id: admin.id, roles: adminRoles, channel: 'auth.logIn', person_id: null, outcome: 'success', detail: '' },
      { action: 'lock', user_id: admin.id, roles: adminRoles, channel: 'auth.lock', person_id: null, outcome: 'success', detail: 'Locked' },
      { action: 'unlock', user_id: admin.id, roles: adminRoles, channel: 'auth.unlock', person_id: null, outcome: 'success', detail: '' },
    ]);
  });

  it('records the automatic lock after idle time, saying why', async () => {
    const before = lastAuditSeq(sqlite());
    practice.clock.advance(12 * 60_000);
    expect(await practice.app.lockIfIdle()).toBe(true);
    await callOk(practice.app, 'auth.unlock', { password: practice.admin.password });
    expect(auditRows(sqlite(), before).map((row) => [row.action, row.detail])).toEqual([
      ['lock', 'Locked after 10 minutes without use'],
      ['unlock', ''],
    ]);
  });

  it('queues failed log-ins while the database is closed and writes them, as failures, before the next log-in', async () => {
    await callOk(practice.app, 'auth.logOut', {});
    practice.clock.advance(60_000);
    const firstFailure = practice.clock.now().toISOString();
    expect(await callError(practice.app, 'auth.logIn', { username: practice.admin.username, password: 'not-my-password-1' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    practice.clock.advance(5_000);
    const secondFailure = practice.clock.now().toISOString();
    expect(await callError(practice.app, 'auth.logIn', { username: 'Pat.Manager', password: 'not-my-password-2' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Nothing can be written while the database is closed: the file still ends at the log-out.
    expect(practice.app.vault.currentSession()).toBeNull();
    practice.clock.advance(5_000);
    const logInTime = practice.clock.now().toISOString();
    await logInAsAdmin(practice);

    const logOutSeq = sqlite().prepare(`SELECT max(seq) FROM audit_event WHERE action = 'log-out'`).pluck().get() as number;
    const rows = auditRows(sqlite(), logOutSeq);
    expect(rows.map((row) => ({ ...summary(row), at: row.at }))).toEqual([
      {
        action: 'log-in-failed', user_id: null, roles: '', channel: 'auth.logIn', person_id: null, outcome: 'failure',
        detail: 'Wrong username or password for "pat.manager"', at: firstFailure,
      },
      {
        action: 'log-in-failed', user_id: null, roles: '', channel: 'auth.logIn', person_id: null, outcome: 'failure',
        detail: 'Wrong username or password for "pat.manager"', at: secondFailure,
      },
      { action: 'log-in', user_id: admin.id, roles: adminRoles, channel: 'auth.logIn', person_id: null, outcome: 'success', detail: '', at: logInTime },
    ]);
    // Written once: a second log-in does not repeat them.
    await callOk(practice.app, 'auth.logOut', {});
    await logInAsAdmin(practice);
    expect(auditRows(sqlite(), rows.at(-1)!.seq).map((row) => row.action)).toEqual(['log-out', 'log-in']);
  });

  it('writes exactly one view per people.get, and none for a record that is not there', async () => {
    const person = await callOk(practice.app, 'people.create', personInput('Ada', 'Lovelace'));
    const other = await callOk(practice.app, 'people.create', personInput('Brian', 'Kernighan'));
    const before = lastAuditSeq(sqlite());
    await callOk(practice.app, 'people.get', { id: person.id });
    await callOk(practice.app, 'people.get', { id: person.id });
    await callOk(practice.app, 'people.get', { id: other.id });
    await callOk(practice.app, 'people.get', { id: person.id });
    expect(await callError(practice.app, 'people.get', { id: '6f1d2c3b-4a59-4c1e-9f00-0123456789ab' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(auditRows(sqlite(), before).map(summary)).toEqual(
      [person, person, other, person].map((p) => ({
        action: 'view', user_id: admin.id, roles: adminRoles, channel: 'people.get', person_id: p.id, outcome: 'success', detail: 'Opened the record',
      })),
    );
  });

  it('writes a create event with the new person, committed with the person', async () => {
    const before = lastAuditSeq(sqlite());
    const person = await callOk(practice.app, 'people.create', personInput('Grace', 'Hopper'));
    expect(auditRows(sqlite(), before).map(summary)).toEqual([
      { action: 'create', user_id: admin.id, roles: adminRoles, channel: 'people.create', person_id: person.id, outcome: 'success', detail: 'Added to PlanWell' },
    ]);
    const stored = sqlite().prepare('SELECT created_at FROM person WHERE id = ?').pluck().get(person.id);
    expect(auditRow(sqlite(), before + 1).at).toBe(stored);
  });

  it('writes no audit row when a create is refused with CONFLICT', async () => {
    const first = personInput('Alan', 'Turing');
    await callOk(practice.app, 'people.create', first);
    const before = lastAuditSeq(sqlite());
    const people = sqlite().prepare('SELECT count(*) FROM person').pluck().get();
    expect(await callError(practice.app, 'people.create', { ...first, givenName: 'Someone', familyName: 'Else' })).toMatchObject({ code: 'CONFLICT' });
    expect(lastAuditSeq(sqlite())).toBe(before);
    expect(sqlite().prepare('SELECT count(*) FROM person').pluck().get()).toBe(people);
  });

  it('does not add the person when their audit row cannot be written (one transaction)', async () => {
    const before = lastAuditSeq(sqlite());
    const people = sqlite().prepare('SELECT count(*) FROM person').pluck().get();
    // A temporary trigger (gone when the connection closes) makes the audit insert fail after the person insert.
    sqlite().exec(`CREATE TEMP TRIGGER test_refuse_create_audit BEFORE INSERT ON main.audit_event WHEN NEW.action = 'create'
      BEGIN SELECT RAISE(ABORT, 'audit write refused by the test'); END`);
    try {
      loggedErrors.length = 0;
      const input = personInput('Katherine', 'Johnson');
      expect(await callError(practice.app, 'people.create', input)).toMatchObject({ code: 'INTERNAL' });
      expect(String(loggedErrors[0])).toContain('audit write refused by the test');
      expect(sqlite().prepare('SELECT count(*) FROM person').pluck().get()).toBe(people);
      expect(sqlite().prepare('SELECT count(*) FROM person WHERE nhs_number = ?').pluck().get(input.nhsNumber)).toBe(0);
      expect(lastAuditSeq(sqlite())).toBe(before);
    } finally {
      sqlite().exec('DROP TRIGGER temp.test_refuse_create_audit');
    }
  });

  it('records exports after the CSV is made (the export is not in its own file)', async () => {
    const before = lastAuditSeq(sqlite());
    const exported = await callOk(practice.app, 'audit.exportCsv', { filter: { action: 'view' } });
    expect(exported.rows).toBe(4);
    expect(auditRows(sqlite(), before).map(summary)).toEqual([
      { action: 'export', user_id: admin.id, roles: adminRoles, channel: 'audit.exportCsv', person_id: null, outcome: 'success', detail: 'Exported 4 audit events as CSV' },
    ]);
  });

  it('records staff administration, settings and audit checks', async () => {
    const before = lastAuditSeq(sqlite());
    const { member } = await callOk(practice.app, 'staff.create', { fullName: 'Sam Carer', username: 'sam.carer', roles: ['nurse'] });
    await callOk(practice.app, 'staff.setRoles', { userId: member.id, roles: ['nurse', 'viewer'] });
    await callOk(practice.app, 'staff.resetPassword', { userId: member.id });
    await callOk(practice.app, 'staff.deactivate', { userId: member.id });
    await callOk(practice.app, 'setup.confirmRecoveryCode', {});
    await callOk(practice.app, 'settings.update', { idleLockMinutes: 15 });
    const checked = await callOk(practice.app, 'audit.verify', {});
    expect(checked).toEqual({ intact: true, events: before + 6 });
    const byAdmin = (channel: string, detail: string, action = 'user-admin') => ({
      action, user_id: practice.user.id, roles: adminRoles, channel, person_id: null, outcome: 'success', detail,
    });
    expect(auditRows(sqlite(), before).map(summary)).toEqual([
      byAdmin('staff.create', 'Created account sam.carer (nurse)'),
      byAdmin('staff.setRoles', 'Changed the roles of sam.carer from nurse to nurse, viewer'),
      byAdmin('staff.resetPassword', 'Reset the password of sam.carer'),
      byAdmin('staff.deactivate', 'Deactivated account sam.carer'),
      byAdmin('setup.confirmRecoveryCode', 'Confirmed the recovery code is stored safely', 'settings'),
      byAdmin('settings.update', 'Automatic lock changed from 10 to 15 minutes', 'settings'),
      byAdmin('audit.verify', `Intact: ${before + 6} events`, 'audit-check'),
    ]);
  });

  it('writes nothing for reading the trail, searching, status or refused requests', async () => {
    const before = lastAuditSeq(sqlite());
    await callOk(practice.app, 'audit.list', {});
    await callOk(practice.app, 'people.search', { query: 'ada' });
    await callOk(practice.app, 'app.status', {});
    await callError(practice.app, 'people.create', { givenName: '', familyName: 'X', dateOfBirth: 'never', nhsNumber: '1' });
    expect(lastAuditSeq(sqlite())).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('listing, filtering, paging and exporting the trail', () => {
  let practice: AuditPractice;
  let admin: SignedInUser;
  let sam: SignedInUser;
  const people: Record<'ada' | 'brian' | 'cara', Person> = {} as Record<'ada' | 'brian' | 'cara', Person>;
  const clock = new ManualClock('2026-01-05T09:00:00.000Z');
  const samPassword = 'willow-granite-sparrow-9';

  /**
   * 15 events over three days, by two members of staff:
   *   2026-01-05  1 set-up, 2 create Ada, 3 create Brian, 4 staff.create sam.carer, 5 log-out   (admin)
   *   2026-02-10  6 log-in, 7 password-change, 8 view Ada, 9 view Ada, 10 view Brian,
   *               11 create Cara, 12 log-out at 23:59:59.999                                    (sam)
   *   2026-02-11  13 log-in at 00:00:00.000                                                     (admin)
   *   2026-03-15  14 view Cara, 15 settings                                                      (admin)
   */
  beforeAll(async () => {
    practice = await setUpAuditPractice({ clock });
    admin = practice.user;
    const at = (time: string) => clock.set(time);
    at('2026-01-05T09:10:00.000Z');
    people.ada = await callOk(practice.app, 'people.create', personInput('Ada', 'Lovelace'));
    at('2026-01-05T09:20:00.000Z');
    people.brian = await callOk(practice.app, 'people.create', personInput('Brian', 'Kernighan'));
    at('2026-01-05T09:30:00.000Z');
    const created = await callOk(practice.app, 'staff.create', { fullName: 'Sam Carer', username: 'sam.carer', roles: ['nurse'] });
    sam = { id: created.member.id, username: 'sam.carer', fullName: 'Sam Carer', roles: ['nurse'] };
    at('2026-01-05T09:40:00.000Z');
    await callOk(practice.app, 'auth.logOut', {});

    at('2026-02-10T08:00:00.000Z');
    await callOk(practice.app, 'auth.logIn', { username: 'sam.carer', password: created.oneTimePassword });
    at('2026-02-10T08:01:00.000Z');
    await callOk(practice.app, 'auth.changePassword', { currentPassword: created.oneTimePassword, password: samPassword, confirmPassword: samPassword });
    at('2026-02-10T08:10:00.000Z');
    await callOk(practice.app, 'people.get', { id: people.ada.id });
    at('2026-02-10T08:20:00.000Z');
    await callOk(practice.app, 'people.get', { id: people.ada.id });
    at('2026-02-10T08:30:00.000Z');
    await callOk(practice.app, 'people.get', { id: people.brian.id });
    at('2026-02-10T08:40:00.000Z');
    people.cara = await callOk(practice.app, 'people.create', personInput('Cara', 'Dillon'));
    // A nurse may not read the trail: refused before anything runs, so nothing is written.
    expect(await callError(practice.app, 'audit.list', {})).toMatchObject({ code: 'FORBIDDEN' });
    at('2026-02-10T23:59:59.999Z');
    await callOk(practice.app, 'auth.logOut', {});

    at('2026-02-11T00:00:00.000Z');
    await logInAsAdmin(practice);
    at('2026-03-15T10:00:00.000Z');
    await callOk(practice.app, 'people.get', { id: people.cara.id });
    at('2026-03-15T10:05:00.000Z');
    await callOk(practice.app, 'settings.update', { idleLockMinutes: 5 });
  });
  afterAll(() => practice.close());

  it('lists every event newest first, with names joined in', async () => {
    const { events, total } = await listAll(practice.app);
    expect(total).toBe(15);
    expect(events.map((event) => event.seq)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(events.map((event) => event.action)).toEqual([
      'settings', 'view', 'log-in', 'log-out', 'create', 'view', 'view', 'view', 'password-change', 'log-in',
      'log-out', 'user-admin', 'create', 'create', 'set-up',
    ]);
    expect(events.find((event) => event.seq === 8)).toEqual({
      seq: 8,
      at: '2026-02-10T08:10:00.000Z',
      userId: sam.id,
      userName: 'Sam Carer',
      roles: 'nurse',
      action: 'view',
      channel: 'people.get',
      personId: people.ada.id,
      personName: 'Ada Lovelace',
      outcome: 'success',
      detail: 'Opened the record',
    });
    expect(events.find((event) => event.seq === 4)).toMatchObject({ userName: 'Pat Manager', personId: null, personName: null });
  });

  it('filters by person', async () => {
    expect(await seqsFor(practice.app, { personId: people.ada.id })).toEqual({ seqs: [9, 8, 2], total: 3 });
    expect(await seqsFor(practice.app, { personId: people.cara.id })).toEqual({ seqs: [14, 11], total: 2 });
    expect(await seqsFor(practice.app, { personId: '11111111-2222-4333-8444-555555555555' })).toEqual({ seqs: [], total: 0 });
    // Or by NHS number, typed as it is written down.
    expect(await seqsFor(practice.app, { nhsNumber: formatNhsNumber(people.ada.nhsNumber) })).toEqual({ seqs: [9, 8, 2], total: 3 });
    expect(await seqsFor(practice.app, { nhsNumber: people.brian.nhsNumber, userId: sam.id })).toEqual({ seqs: [10], total: 1 });
  });

  it('filters by member of staff', async () => {
    expect(await seqsFor(practice.app, { userId: sam.id })).toEqual({ seqs: [12, 11, 10, 9, 8, 7, 6], total: 7 });
    expect(await seqsFor(practice.app, { userId: admin.id })).toEqual({ seqs: [15, 14, 13, 5, 4, 3, 2, 1], total: 8 });
  });

  it('filters by action, and combines filters', async () => {
    expect(await seqsFor(practice.app, { action: 'view' })).toEqual({ seqs: [14, 10, 9, 8], total: 4 });
    expect(await seqsFor(practice.app, { action: 'create' })).toEqual({ seqs: [11, 3, 2], total: 3 });
    expect(await seqsFor(practice.app, { action: 'export' })).toEqual({ seqs: [], total: 0 });
    expect(await seqsFor(practice.app, { personId: people.ada.id, action: 'view' })).toEqual({ seqs: [9, 8], total: 2 });
    expect(await seqsFor(practice.app, { userId: sam.id, action: 'view' })).toEqual({ seqs: [10, 9, 8], total: 3 });
    expect(await seqsFor(practice.app, { userId: admin.id, action: 'view', from: '2026-03-01' })).toEqual({ seqs: [14], total: 1 });
  });

  it('filters by dates (UTC days), each end including the whole day', async () => {
    // The last moment of 10 February is in; the first moment of 11 February is not.
    expect(await seqsFor(practice.app, { from: '2026-02-10', to: '2026-02-10' })).toEqual({ seqs: [12, 11, 10, 9, 8, 7, 6], total: 7 });
    expect(await seqsFor(practice.app, { from: '2026-02-11' })).toEqual({ seqs: [15, 14, 13], total: 3 });
    expect(await seqsFor(practice.app, { to: '2026-01-05' })).toEqual({ seqs: [5, 4, 3, 2, 1], total: 5 });
    expect(await seqsFor(practice.app, { from: '2026-01-06', to: '2026-02-09' })).toEqual({ seqs: [], total: 0 });
    expect(await seqsFor(practice.app, { from: '2026-02-11', to: '2026-03-15' })).toEqual({ seqs: [15, 14, 13], total: 3 });
  });

  it('pages with limit and offset, the total counting every match', async () => {
    const pages: number[][] = [];
    for (let offset = 0; offset < 16; offset += 4) {
      const page = await callOk(practice.app, 'audit.list', { filter: {}, limit: 4, offset });
      expect(page.total).toBe(15);
      pages.push(page.events.map((event) => event.seq));
    }
    expect(pages).toEqual([[15, 14, 13, 12], [11, 10, 9, 8], [7, 6, 5, 4], [3, 2, 1]]);
    expect(await callOk(practice.app, 'audit.list', { filter: {}, limit: 4, offset: 40 })).toEqual({ events: [], total: 15 });
    const filtered = await callOk(practice.app, 'audit.list', { filter: { userId: sam.id }, limit: 2, offset: 2 });
    expect({ seqs: filtered.events.map((event) => event.seq), total: filtered.total }).toEqual({ seqs: [10, 9], total: 7 });
  });

  it('refuses a filter that makes no sense', async () => {
    expect(await callError(practice.app, 'audit.list', { filter: { from: '2026-03-01', to: '2026-02-01' } })).toMatchObject({
      code: 'INVALID_INPUT', issues: [{ path: 'filter.to', message: 'The start date must be on or before the end date' }],
    });
    expect(await callError(practice.app, 'audit.list', { filter: { action: 'delete-everything' } })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await callError(practice.app, 'audit.list', { filter: {}, limit: 501 })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('exports the filtered events as CSV: a header row, then the same rows as the list, newest first', async () => {
    const filter = { personId: people.ada.id };
    const listed = await listAll(practice.app, filter);
    const exported = await callOk(practice.app, 'audit.exportCsv', { filter });
    expect(exported).toMatchObject({ fileName: 'PlanWell audit 2026-03-15.csv', rows: 3, truncated: false });
    const parsed = Papa.parse<string[]>(exported.csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Sequence', 'Time (UTC)', 'User', 'Roles', 'Action', 'Channel', 'Person', 'Outcome', 'Detail']);
    expect(rows).toEqual(
      listed.events.map((e) => [String(e.seq), e.at, e.userName ?? '', e.roles, e.action, e.channel ?? '', e.personName ?? '', e.outcome, e.detail]),
    );
    expect(rows[1]).toEqual(['8', '2026-02-10T08:10:00.000Z', 'Sam Carer', 'nurse', 'view', 'people.get', 'Ada Lovelace', 'success', 'Opened the record']);
    // The export itself is the newest event, and is not in the file it made.
    const newest = (await callOk(practice.app, 'audit.list', { limit: 1 })).events[0];
    expect(newest).toMatchObject({ seq: 16, action: 'export', userId: admin.id, detail: 'Exported 3 audit events as CSV' });
  });

  it('exports a date-filtered range, and an empty one with only the header', async () => {
    const day = await callOk(practice.app, 'audit.exportCsv', { filter: { from: '2026-02-10', to: '2026-02-10' } });
    const parsed = Papa.parse<string[]>(day.csv, { skipEmptyLines: true });
    expect(parsed.data.slice(1).map((row) => row[0])).toEqual(['12', '11', '10', '9', '8', '7', '6']);
    const none = await callOk(practice.app, 'audit.exportCsv', { filter: { from: '2026-01-06', to: '2026-01-07' } });
    expect(none.rows).toBe(0);
    expect(Papa.parse<string[]>(none.csv, { skipEmptyLines: true }).data).toEqual([
      ['Sequence', 'Time (UTC)', 'User', 'Roles', 'Action', 'Channel', 'Person', 'Outcome', 'Detail'],
    ]);
  });

  it('neutralises formula injection: no cell starts with =, +, -, @, tab or return', async () => {
    const session = sessionOf(practice.app);
    const hostile = [
      await callOk(practice.app, 'people.create', personInput('=HYPERLINK("http://evil.example/x","Open")', 'Smith')),
      await callOk(practice.app, 'people.create', personInput('@SUM(1+1)', 'Jones')),
      // A name may hold a line break; a formula may too, so the first line alone must not decide.
      await callOk(practice.app, 'people.create', personInput('=HYPERLINK("http://evil.example/"&"y","Open")', '&\n"x"')),
    ];
    for (const person of hostile) await callOk(practice.app, 'people.get', { id: person.id });
    // Details are written by PlanWell's own code; these go through the real recordAudit, so the chain stays valid.
    const details = ['=cmd|" /C calc"!A0', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=1+1\nsecond line'];
    for (const detail of details) await recordAudit(session.database.db, practice.clock, { user: admin, action: 'settings', channel: 'test', detail });

    const exported = await callOk(practice.app, 'audit.exportCsv', {});
    const parsed = Papa.parse<string[]>(exported.csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const cells = parsed.data.slice(1).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    for (const detail of details) expect(cells).toContain(`'${detail}`);
    for (const person of hostile) expect(cells).toContain(`'${person.givenName} ${person.familyName}`);
    // The stored names are untouched: only the spreadsheet copy is escaped.
    expect(await callOk(practice.app, 'people.get', { id: hostile[0]!.id })).toMatchObject({ givenName: '=HYPERLINK("http://evil.example/x","Open")' });
    expect(await callOk(practice.app, 'audit.verify', {})).toMatchObject({ intact: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe('the integrity of the trail', () => {
  let practice: AuditPractice;
  const created: Person[] = [];
  beforeAll(async () => {
    practice = await setUpAuditPractice();
  });
  afterAll(() => practice.close());

  const sqlite = () => sqliteOf(practice.app);

  it('verifies intact after many mixed actions, and again after a restart', async () => {
    const { app, clock } = practice;
    for (let i = 0; i < 40; i++) {
      clock.advance(37_000 + i * 1_000);
      const person = await callOk(app, 'people.create', personInput(`Given${i}`, `Family${i}`, `19${String(40 + i).padStart(2, '0')}-02-03`));
      created.push(person);
      await callOk(app, 'people.get', { id: person.id });
      if (i % 3 === 0) await callOk(app, 'people.get', { id: created[Math.floor(i / 2)]!.id });
      if (i % 10 === 4) await callOk(app, 'audit.exportCsv', { filter: { personId: person.id } });
      if (i % 10 === 7) await callOk(app, 'settings.update', { idleLockMinutes: 5 + (i % 20) });
      if (i % 10 === 9) await callError(app, 'people.create', { ...personInput('Dup', 'Licate'), nhsNumber: person.nhsNumber });
      if (i === 15) expect(await callOk(app, 'audit.verify', {})).toMatchObject({ intact: true });
    }
    await callOk(app, 'auth.lock', {});
    await callOk(app, 'auth.unlock', { password: practice.admin.password });
    await callOk(app, 'auth.logOut', {});
    await callError(app, 'auth.logIn', { username: practice.admin.username, password: 'wrong-wrong-wrong-1' });
    await callError(app, 'auth.logIn', { username: 'nobody.here', password: 'wrong-wrong-wrong-2' });
    await logInAsAdmin(practice);

    const events = lastAuditSeq(sqlite());
    expect(events).toBe(110);
    expect(new Set(auditRows(sqlite()).map((row) => row.action))).toEqual(
      new Set(['set-up', 'create', 'view', 'export', 'settings', 'audit-check', 'lock', 'unlock', 'log-out', 'log-in-failed', 'log-in']),
    );
    expect(await callOk(app, 'audit.verify', {})).toEqual({ intact: true, events });
    // The check is itself recorded, and the head file has caught up with it.
    const session = sessionOf(app);
    expect(auditRow(sqlite(), events + 1)).toMatchObject({ action: 'audit-check', outcome: 'success', detail: `Intact: ${events} events` });
    expect(verifyAuditTrail(session.database.sqlite, auditHeadPath(practice.dataDirectory), session.auditHeadKey)).toEqual({ intact: true, events: events + 1 });

    const restarted = await practice.restart();
    await logInAsAdmin(practice);
    // Closing wrote nothing; logging in wrote one event.
    expect(await callOk(restarted, 'audit.verify', {})).toEqual({ intact: true, events: events + 2 });
  });

  it('chains each event by SHA-256 over the documented canonical form (format pinned)', () => {
    const rows = auditRows(sqlite());
    let previous = genesis;
    rows.forEach((row, index) => {
      expect(row.seq).toBe(index + 1);
      expect(row.prev_hash).toBe(previous);
      const canonical = JSON.stringify([
        'planwell-audit-v1', row.seq, row.at, row.user_id, row.roles, row.action, row.channel, row.person_id, row.outcome, row.detail, row.prev_hash,
      ]);
      expect(row.hash).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
      previous = row.hash;
    });
  });

  it('keeps audit-head.json beside the keyring: the last seq and hash, a valid MAC, and no personal data', async () => {
    await callOk(practice.app, 'people.get', { id: created[3]!.id });
    const path = auditHeadPath(practice.dataDirectory);
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    const head = readAuditHeadFile(practice.dataDirectory)!;
    expect(Object.keys(head).sort()).toEqual(['format', 'hash', 'mac', 'seq']);
    const last = auditRow(sqlite(), lastAuditSeq(sqlite()));
    expect(head).toEqual({ format: 'planwell-audit-head', seq: last.seq, hash: last.hash, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(auditHeadMacMatches({ seq: head.seq, hash: head.hash }, head.mac, sessionOf(practice.app).auditHeadKey)).toBe(true);

    const personal = [
      auditPracticeName, practice.admin.username, practice.admin.fullName, practice.user.id,
      ...created.flatMap((p) => [p.id, p.givenName, p.familyName, p.nhsNumber, p.dateOfBirth]),
    ];
    expect(personal.filter((value) => text.includes(value))).toEqual([]);
    // Nothing beyond the four fields: numbers and hex.
    expect(text).toMatch(/^\{"format":"planwell-audit-head","seq":\d+,"hash":"[0-9a-f]{64}","mac":"[0-9a-f]{64}"\}\n$/);
  });

  it('moves audit-head.json on after every request that writes an event, and through lock and log-out', async () => {
    const { app } = practice;
    await callOk(app, 'people.get', { id: created[5]!.id });
    expect(readAuditHeadFile(practice.dataDirectory)?.seq).toBe(lastAuditSeq(sqlite()));
    const beforeLock = lastAuditSeq(sqlite());
    await callOk(app, 'auth.lock', {});
    // The lock event is written and the head follows it before the database closes.
    expect(readAuditHeadFile(practice.dataDirectory)?.seq).toBe(beforeLock + 1);
    await callOk(app, 'auth.unlock', { password: practice.admin.password });
    expect(readAuditHeadFile(practice.dataDirectory)?.seq).toBe(beforeLock + 2);
  });

  it('refuses an ordinary UPDATE or DELETE of an event in the database itself', () => {
    const db = sqlite();
    expect(auditTriggerNames(db)).toEqual(['audit_event_no_delete', 'audit_event_no_update']);
    const before = auditRows(db);
    const refused = /The audit trail cannot be changed/;
    expect(() => db.prepare('UPDATE audit_event SET detail = ? WHERE seq = 2').run('nothing happened')).toThrow(refused);
    expect(() => db.prepare('UPDATE audit_event SET outcome = ?').run('success')).toThrow(refused);
    expect(() => db.prepare('DELETE FROM audit_event WHERE seq = ?').run(before.length)).toThrow(refused);
    expect(() => db.prepare('DELETE FROM audit_event').run()).toThrow(refused);
    // An upsert that collides with an existing event takes the UPDATE path, which is refused too.
    expect(() =>
      db.prepare(`INSERT INTO audit_event (seq, at, roles, action, outcome, detail, prev_hash, hash) VALUES (1, 'x', '', 'view', 'success', '', '', '')
        ON CONFLICT (seq) DO UPDATE SET detail = 'rewritten'`).run(),
    ).toThrow(refused);
    expect(auditRows(db)).toEqual(before);
  });
});
