import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPrinter } from '../../src-main/export/chromium-printer';
import { notCsvTextMessage, type DirectoryEntry, type NewPersonInput, type Person, type PlanContentInput } from '../../src-shared/contract';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import { createPracticeTemplate, practiceFrom, staffMember, switchUser, type PracticeFixture, type PracticeTemplate } from '../fixtures/practice';
import { connect, logContact, move, recordOns4, recordSwemwbs, refer, saveEntry, setOutcome } from '../fixtures/social-prescribing';
import { tempDirs } from '../fixtures/temp-dir';

/**
 * Social prescribing (issue 9) through the dispatcher over a real encrypted database, under a clock
 * the test sets: referrals and their statuses with the SNOMED CT code each records, contacts, the
 * directory and its CSV, connections and the plan's community support, the summary for the GP as
 * text and as a PDF printed by real Chromium, and the caseload report against hand-counted data.
 *
 * Dates typed into forms are checked against the real today, so every date here is in the past.
 */

/** Jane the administrator is also a link worker: she changes the codes, and has a caseload of her own. */
let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({ clinicalRoles: ['link-worker'], staff: [{ username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] }] });
});
afterAll(() => template?.remove());

const nextNhsNumber = nhsNumberSource('999666');

/** A practice of the template on 15 October 2026, signed in as Lena the link worker unless told otherwise. */
async function practiceOnOctober15(options: Parameters<typeof practiceFrom>[1] = {}): Promise<{ practice: PracticeFixture; clock: RecordingClock }> {
  const clock = new RecordingClock(new Date('2026-10-15T09:00:00.000Z'));
  return { practice: await practiceFrom(template, { signIn: 'lena.link', clock, ...options }), clock };
}

function addPerson(practice: PracticeFixture, overrides: Partial<NewPersonInput> = {}): Promise<Person> {
  return callOk(practice.app, 'people.create', { givenName: 'Olive', familyName: 'Morris', dateOfBirth: '1952-06-26', nhsNumber: nextNhsNumber(), ...overrides });
}

function lastSeq(practice: PracticeFixture): number {
  return sessionSqlite(practice.app).prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
}

function auditAfter(practice: PracticeFixture, seq: number) {
  return sessionSqlite(practice.app).prepare('SELECT action, channel, person_id, detail FROM audit_event WHERE seq > ? ORDER BY seq').all(seq) as {
    action: string;
    channel: string;
    person_id: string | null;
    detail: string;
  }[];
}

const newCode = { conceptId: '871731000000106', term: 'Referral to social prescribing service' };
const declinedCode = { conceptId: '871711000000103', term: 'Social prescribing declined' };
/** A well-formed UK extension id (partition 10, Verhoeff check digit) standing in for a practice's own code. */
const dischargedCode = { conceptId: '871741000000102', term: 'Discharged from social prescribing service' };
const noCode = { conceptId: null, term: '' };

describe('referrals', () => {
  let practice: PracticeFixture;
  beforeAll(async () => {
    ({ practice } = await practiceOnOctober15());
  });
  afterAll(() => practice?.close());

  describe('contacts', () => {
    it('are logged with every field, listed by date, and shown on the timeline by type and minutes, never by what was said', async () => {
      const person = await addPerson(practice);
      const referral = await refer(practice.app, person.id, { referredOn: '2026-09-01', notes: 'Referral note: QUIETLY-PRIVATE-2' });
      const visit = await logContact(practice.app, referral.id, '2026-09-10', 45, {
        type: 'home-visit', attendees: 'Olive and her daughter Ruth', notes: 'Worried about money since the car went: QUIETLY-PRIVATE-1', nextStep: 'Book Citizens Advice',
      });
      expect(visit).toEqual({
        id: expect.any(String), referralId: referral.id, contactOn: '2026-09-10', durationMinutes: 45, type: 'home-visit', attendees: 'Olive and her daughter Ruth',
        notes: 'Worried about money since the car went: QUIETLY-PRIVATE-1', nextStep: 'Book Citizens Advice', recordedByName: 'Lena Link',
      });
      // Logged later but held earlier: listed first.
      const call = await logContact(practice.app, referral.id, '2026-09-04', 15, { type: 'phone' });
      const group = await logContact(practice.app, referral.id, '2026-09-10', 120, { type: 'group' });
      expect(await callOk(practice.app, 'referrals.contacts', { referralId: referral.id })).toEqual([call, visit, group]);
      expect((await callOk(practice.app, 'referrals.get', { referralId: referral.id })).contactCount).toBe(3);

      const timeline = await callOk(practice.app, 'people.timeline', { personId: person.id });
      const details = timeline.map((entry) => entry.detail);
      expect(details).toEqual(expect.arrayContaining([
        'Social prescribing contact: home visit, 45 minutes, 10 September 2026',
        'Social prescribing contact: phone, 15 minutes, 4 September 2026',
        'Social prescribing contact: group, 120 minutes, 10 September 2026',
      ]));
      expect(timeline.find((entry) => entry.detail.includes('home visit'))).toMatchObject({ action: 'create', userName: 'Lena Link' });
      for (const secret of ['QUIETLY-PRIVATE', 'Ruth', 'Citizens Advice']) {
        expect(details.filter((detail) => detail.includes(secret))).toEqual([]);
        expect(sessionSqlite(practice.app).prepare('SELECT count(*) FROM audit_event WHERE detail LIKE ?').pluck().get(`%${secret}%`)).toBe(0);
      }
    });

    it('are refused on a declined or discharged referral, before the referral date, and outside 1 to 600 minutes, changing nothing', async () => {
      const person = await addPerson(practice);
      const declined = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02');
      const discharged = await move(practice.app, await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'did-not-engage', '2026-09-20'), 'discharged', '2026-09-21');
      const open = await refer(practice.app, person.id, { referredOn: '2026-09-15' });
      const before = practiceState(practice.app, practice.dataDirectory);
      const attempt = (referralId: string, contactOn: string, durationMinutes = 30) => callError(practice.app, 'referrals.logContact', { referralId, contactOn, durationMinutes, type: 'phone' });

      expect(await attempt(declined.id, '2026-09-10')).toEqual({ code: 'CONFLICT', message: 'This referral is declined: contacts cannot be added to it.' });
      expect(await attempt(discharged.id, '2026-09-22')).toEqual({ code: 'CONFLICT', message: 'This referral is discharged: contacts cannot be added to it.' });
      expect(await attempt(open.id, '2026-09-14')).toEqual({
        code: 'INVALID_INPUT',
        message: 'The contact must be on or after the referral date, 15 September 2026.',
        issues: [{ path: 'contactOn', message: 'The date must be on or after 15 September 2026' }],
      });
      expect((await attempt(open.id, '2026-09-16', 0)).issues).toEqual([{ path: 'durationMinutes', message: 'A contact takes at least 1 minute' }]);
      expect((await attempt(open.id, '2026-09-16', 601)).issues).toEqual([{ path: 'durationMinutes', message: 'A contact is 600 minutes or fewer' }]);
      expect((await attempt(open.id, '2099-09-16')).issues).toEqual([{ path: 'contactOn', message: 'The date of the contact must be today or in the past' }]);
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      expect(await callOk(practice.app, 'referrals.get', { referralId: open.id })).toEqual(open);

      // Someone who stopped engaging can still be contacted: that referral is open until discharged.
      const notEngaged = await move(practice.app, open, 'did-not-engage', '2026-09-20');
      expect((await logContact(practice.app, notEngaged.id, '2026-09-25', 10)).contactOn).toBe('2026-09-25');
      expect((await callOk(practice.app, 'referrals.get', { referralId: open.id })).status).toBe('did-not-engage');
    });
  });

  describe('statuses and their codes', () => {
    it('moves new → contacted → accepted → discharged, keeping each change with who made it and the code in force', async () => {
      const person = await addPerson(practice);
      const created = await refer(practice.app, person.id, {
        referredOn: '2026-09-01', source: 'gp', referrerName: 'Dr Patel', reasons: ['low-mood', 'loneliness'], urgency: 'soon', consent: 'yes', notes: 'Lost her husband in the spring',
      });
      expect(created).toMatchObject({
        personId: person.id, referredOn: '2026-09-01', source: 'gp', referrerName: 'Dr Patel', urgency: 'soon', consent: 'yes', status: 'new', statusChangedOn: '2026-09-01',
        nextStatuses: ['contacted', 'declined', 'did-not-engage'], contactCount: 0, createdByName: 'Lena Link', rowVersion: 1,
      });
      // Reasons come back in the list's order, whatever order they were chosen in.
      expect(created.reasons).toEqual([{ key: 'loneliness', label: 'Loneliness or isolation' }, { key: 'low-mood', label: 'Low mood' }]);
      expect(created.history).toEqual([{ status: 'new', changedOn: '2026-09-01', note: '', ...newCode, changedByName: 'Lena Link' }]);

      const seq = lastSeq(practice);
      const contacted = await move(practice.app, created, 'contacted', '2026-09-03', { note: 'Spoke on the phone' });
      expect(contacted).toMatchObject({ status: 'contacted', statusChangedOn: '2026-09-03', rowVersion: 2, nextStatuses: ['accepted', 'declined', 'did-not-engage'] });
      const accepted = await move(practice.app, contacted, 'accepted', '2026-09-03');
      expect(accepted).toMatchObject({ status: 'accepted', rowVersion: 3, nextStatuses: ['did-not-engage', 'discharged'] });
      const discharged = await move(practice.app, accepted, 'discharged', '2026-09-30');
      expect(discharged).toMatchObject({ status: 'discharged', statusChangedOn: '2026-09-30', rowVersion: 4, nextStatuses: [] });
      expect(discharged.history).toEqual([
        { status: 'new', changedOn: '2026-09-01', note: '', ...newCode, changedByName: 'Lena Link' },
        { status: 'contacted', changedOn: '2026-09-03', note: 'Spoke on the phone', ...noCode, changedByName: 'Lena Link' },
        { status: 'accepted', changedOn: '2026-09-03', note: '', ...noCode, changedByName: 'Lena Link' },
        { status: 'discharged', changedOn: '2026-09-30', note: '', ...noCode, changedByName: 'Lena Link' },
      ]);
      expect(await callOk(practice.app, 'referrals.get', { referralId: created.id })).toEqual(discharged);
      expect(await callOk(practice.app, 'referrals.forPerson', { personId: person.id })).toEqual([discharged]);
      // The trail says what happened and when, never the referral's notes.
      expect(auditAfter(practice, seq)).toEqual(
        ['contacted, 3 September 2026', 'accepted, 3 September 2026', 'discharged, 30 September 2026'].map((what) => ({
          action: 'update', channel: 'referrals.changeStatus', person_id: person.id, detail: `Social prescribing referral ${what}`,
        })),
      );
    });

    it('declining records the default declined code; not engaging records none', async () => {
      const person = await addPerson(practice);
      const declined = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02', { note: 'Does not want it' });
      expect(declined.history.map((h) => [h.status, h.conceptId, h.term])).toEqual([
        ['new', newCode.conceptId, newCode.term],
        ['declined', declinedCode.conceptId, declinedCode.term],
      ]);
      expect(declined.nextStatuses).toEqual(['discharged']);
      const notEngaged = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-05' }), 'did-not-engage', '2026-09-20');
      expect(notEngaged.history.at(-1)).toMatchObject({ status: 'did-not-engage', ...noCode });
    });

    it('refuses a move the table does not allow, a date before the last status and a stale version, changing nothing', async () => {
      const person = await addPerson(practice);
      const referral = await refer(practice.app, person.id, { referredOn: '2026-09-10' });
      const before = practiceState(practice.app, practice.dataDirectory);
      const attempt = (status: 'accepted' | 'discharged' | 'contacted' | 'declined', changedOn: string, rowVersion = referral.rowVersion) =>
        callError(practice.app, 'referrals.changeStatus', { referralId: referral.id, rowVersion, status, changedOn });

      expect(await attempt('accepted', '2026-09-12')).toEqual({
        code: 'CONFLICT',
        message: 'A referral that is new cannot become accepted: it can become contacted or declined or did not engage.',
        issues: [{ path: 'status', message: 'Choose contacted or declined or did not engage' }],
      });
      expect(await attempt('discharged', '2026-09-12')).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cannot become discharged') });
      expect(await attempt('contacted', '2026-09-09')).toEqual({
        code: 'INVALID_INPUT',
        message: 'The date must be on or after 10 September 2026, when it became new.',
        issues: [{ path: 'changedOn', message: 'The date must be on or after 10 September 2026' }],
      });
      expect((await attempt('contacted', '2099-01-01')).issues).toEqual([{ path: 'changedOn', message: 'The date of the change must be today or in the past' }]);
      expect((await callError(practice.app, 'referrals.changeStatus', { referralId: referral.id, rowVersion: 1, status: 'closed', changedOn: '2026-09-12' })).issues)
        .toEqual([{ path: 'status', message: 'Choose the new status' }]);
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      expect(await callOk(practice.app, 'referrals.get', { referralId: referral.id })).toEqual(referral);

      // On the day it became contacted is fine; the day before is not, and the old version is stale.
      const contacted = await move(practice.app, referral, 'contacted', '2026-09-12');
      const afterContact = practiceState(practice.app, practice.dataDirectory);
      expect(await attempt('declined', '2026-09-11', contacted.rowVersion)).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'changedOn', message: 'The date must be on or after 12 September 2026' }] });
      expect(await attempt('declined', '2026-09-12', referral.rowVersion)).toEqual({ code: 'CONFLICT', message: 'Someone else has changed this referral. Open it again to see their changes.' });
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(afterContact);
      expect(await callOk(practice.app, 'referrals.get', { referralId: referral.id })).toEqual(contacted);
      expect((await move(practice.app, contacted, 'declined', '2026-09-12')).status).toBe('declined');
    });

    it('accepting needs their consent: refused without it, accepted when consent is given in the same change', async () => {
      const person = await addPerson(practice);
      const contacted = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01', consent: 'not-asked' }), 'contacted', '2026-09-02');
      const before = practiceState(practice.app, practice.dataDirectory);
      const refusal = { code: 'CONFLICT', message: 'They have not consented to the referral. Record their consent before accepting it.', issues: [{ path: 'status', message: 'Record their consent before accepting the referral' }] };
      expect(await callError(practice.app, 'referrals.changeStatus', { referralId: contacted.id, rowVersion: contacted.rowVersion, status: 'accepted', changedOn: '2026-09-03' })).toEqual(refusal);
      expect(await callError(practice.app, 'referrals.changeStatus', { referralId: contacted.id, rowVersion: contacted.rowVersion, status: 'accepted', changedOn: '2026-09-03', consent: 'no' })).toEqual(refusal);
      // Consent given with a move that is refused is not kept either.
      expect((await callError(practice.app, 'referrals.changeStatus', { referralId: contacted.id, rowVersion: contacted.rowVersion, status: 'discharged', changedOn: '2026-09-03', consent: 'yes' })).code).toBe('CONFLICT');
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      expect((await callOk(practice.app, 'referrals.get', { referralId: contacted.id })).consent).toBe('not-asked');

      const accepted = await move(practice.app, contacted, 'accepted', '2026-09-03', { consent: 'yes' });
      expect(accepted).toMatchObject({ status: 'accepted', consent: 'yes', rowVersion: contacted.rowVersion + 1 });
    });

    it('logging the first contact with a new referral marks it contacted on the contact’s date; later contacts do not move it', async () => {
      const person = await addPerson(practice);
      const referral = await refer(practice.app, person.id, { referredOn: '2026-09-01' });
      await logContact(practice.app, referral.id, '2026-09-04', 20);
      const contacted = await callOk(practice.app, 'referrals.get', { referralId: referral.id });
      expect(contacted).toMatchObject({ status: 'contacted', statusChangedOn: '2026-09-04', rowVersion: 2, contactCount: 1 });
      expect(contacted.history.at(-1)).toEqual({ status: 'contacted', changedOn: '2026-09-04', note: 'First contact', ...noCode, changedByName: 'Lena Link' });
      await logContact(practice.app, referral.id, '2026-09-08', 30);
      expect(await callOk(practice.app, 'referrals.get', { referralId: referral.id })).toEqual({ ...contacted, contactCount: 2 });
    });

    it('a discharged referral is final: the service refuses any change, and the database refuses a direct write; recorded history never changes', async () => {
      const person = await addPerson(practice);
      const discharged = await move(practice.app, await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02'), 'discharged', '2026-09-03');
      const before = practiceState(practice.app, practice.dataDirectory);
      for (const status of ['declined', 'contacted', 'new'] as const) {
        expect(await callError(practice.app, 'referrals.changeStatus', { referralId: discharged.id, rowVersion: discharged.rowVersion, status, changedOn: '2026-09-04' })).toEqual({
          code: 'CONFLICT',
          message: `A referral that is discharged cannot become ${status === 'new' ? 'new' : status}: it is finished.`,
          issues: [{ path: 'status', message: 'Choose nothing: the referral is finished' }],
        });
      }
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
      const sqlite = sessionSqlite(practice.app);
      expect(() => sqlite.prepare(`UPDATE referral SET notes = 'changed', status = 'accepted' WHERE id = ?`).run(discharged.id)).toThrow('A discharged referral cannot be changed');
      expect(() => sqlite.prepare(`UPDATE referral_status_change SET concept_id = NULL WHERE referral_id = ?`).run(discharged.id)).toThrow('A recorded status change cannot be changed');
      // History is kept for an open referral too.
      const open = await refer(practice.app, person.id, { referredOn: '2026-09-05' });
      expect(() => sqlite.prepare(`UPDATE referral_status_change SET changed_on = '2026-01-01' WHERE referral_id = ?`).run(open.id)).toThrow('A recorded status change cannot be changed');
      expect(await callOk(practice.app, 'referrals.get', { referralId: discharged.id })).toEqual(discharged);
    });

    // Last in this block: it leaves Jane the administrator signed in.
    it('an administrator sets the code a status records: later changes record it, earlier history keeps what was recorded', async () => {
      const person = await addPerson(practice);
      const dischargedEarlier = await move(practice.app, await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02'), 'discharged', '2026-09-03');
      const declined = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-10' }), 'declined', '2026-09-11');

      // Only an administrator may change the codes: Lena may not.
      const lenaBefore = practiceState(practice.app, practice.dataDirectory);
      expect(await callError(practice.app, 'socialPrescribing.setStatusCode', { status: 'discharged', ...dischargedCode })).toEqual({ code: 'FORBIDDEN', message: 'Your role in PlanWell does not allow this.' });
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(lenaBefore);

      await switchUser(practice.app, template.admin);
      const before = practiceState(practice.app, practice.dataDirectory);
      expect(await callError(practice.app, 'socialPrescribing.setStatusCode', { status: 'discharged', conceptId: '871741000000103', term: dischargedCode.term })).toEqual({
        code: 'INVALID_INPUT',
        message: 'Some answers need correcting.',
        issues: [{ path: 'conceptId', message: 'This is not a valid SNOMED CT concept ID: check the digits' }],
      });
      expect((await callError(practice.app, 'socialPrescribing.setStatusCode', { status: 'discharged', conceptId: dischargedCode.conceptId, term: '' })).issues)
        .toEqual([{ path: 'term', message: 'Enter the term the code stands for' }]);
      expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);

      const seq = lastSeq(practice);
      const codes = await callOk(practice.app, 'socialPrescribing.setStatusCode', { status: 'discharged', ...dischargedCode });
      expect(codes).toEqual([
        { status: 'new', ...newCode },
        { status: 'contacted', ...noCode },
        { status: 'accepted', ...noCode },
        { status: 'declined', ...declinedCode },
        { status: 'did-not-engage', ...noCode },
        { status: 'discharged', ...dischargedCode },
      ]);
      expect(auditAfter(practice, seq)).toEqual([
        { action: 'settings', channel: 'socialPrescribing.setStatusCode', person_id: null, detail: 'SNOMED CT code for "Discharged" set to 871741000000102' },
      ]);

      // Jane is a link worker too: she discharges the other referral.
      expect((await callOk(practice.app, 'socialPrescribing.options', {})).statusCodes).toEqual(codes);
      const discharged = await move(practice.app, declined, 'discharged', '2026-09-20');
      expect(discharged.history.map((h) => [h.status, h.conceptId, h.term])).toEqual([
        ['new', newCode.conceptId, newCode.term],
        ['declined', declinedCode.conceptId, declinedCode.term],
        ['discharged', dischargedCode.conceptId, dischargedCode.term],
      ]);
      expect(await callOk(practice.app, 'referrals.get', { referralId: dischargedEarlier.id })).toEqual(dischargedEarlier);
      expect(dischargedEarlier.history.at(-1)).toMatchObject({ status: 'discharged', ...noCode });
    });
  });
});

describe('the directory', () => {
  let practice: PracticeFixture;
  let clock: RecordingClock;
  let knitting: DirectoryEntry;
  let walking: DirectoryEntry;
  let garden: DirectoryEntry;
  let advice: DirectoryEntry;
  beforeAll(async () => {
    ({ practice, clock } = await practiceOnOctober15());
    // Today is 15 October 2026: six months ago is 15 April.
    knitting = await saveEntry(practice.app, {
      name: 'Zoë’s Knitting Circle', category: 'social-groups', description: 'Knitting and crochet over a pot of tea', area: 'Armley', contact: 'Call Zoë on 0113 496 0001',
      cost: 'Free', whenItRuns: 'Thursdays, 2pm', accessibility: ['step-free', 'accessible-toilet', 'hearing-loop'], lastCheckedOn: '2026-10-01',
    });
    walking = await saveEntry(practice.app, {
      name: 'Walking for Health', category: 'physical-activity', description: 'Gentle walks from the library', area: 'Bramley', accessibility: ['step-free', 'public-transport'], lastCheckedOn: '2026-04-14',
    });
    garden = await saveEntry(practice.app, {
      name: 'Bramley Community Garden', category: 'nature', description: 'Growing vegetables together; tea and cake after', area: 'Bramley', accessibility: ['step-free'], lastCheckedOn: '2026-04-15',
    });
    advice = await saveEntry(practice.app, { name: 'Money Matters Advice', category: 'money-advice', description: 'Debt and benefits help', area: 'Armley', lastCheckedOn: '2025-12-01' }, false);
  });
  afterAll(() => practice?.close());

  const names = async (search: Record<string, unknown>) => (await callOk(practice.app, 'directory.search', search)).entries.map((e) => e.name);

  it('saves an entry with every field, and refuses an unknown category or a stale version', async () => {
    expect(knitting).toEqual({
      id: expect.any(String), name: 'Zoë’s Knitting Circle', category: 'social-groups', categoryLabel: 'Befriending and social groups', description: 'Knitting and crochet over a pot of tea',
      address: '', area: 'Armley', contact: 'Call Zoë on 0113 496 0001', cost: 'Free', whenItRuns: 'Thursdays, 2pm', accessibility: ['step-free', 'accessible-toilet', 'hearing-loop'],
      referralRoute: '', lastCheckedOn: '2026-10-01', active: true, stale: false, connectionCount: 0, rowVersion: 1,
    });
    expect(advice).toMatchObject({ active: false, stale: true });
    expect(await callOk(practice.app, 'directory.get', { entryId: advice.id })).toEqual(advice);
    const before = practiceState(practice.app, practice.dataDirectory);
    expect(await callError(practice.app, 'directory.save', { entry: { name: 'Choir', category: 'choirs', lastCheckedOn: '2026-10-01' } }))
      .toEqual({ code: 'INVALID_INPUT', message: 'Choose a category from the list.', issues: [{ path: 'category', message: 'Choose a category from the list' }] });
    expect(await callError(practice.app, 'directory.save', { entryId: knitting.id, rowVersion: 2, entry: { name: 'Renamed', category: 'social-groups', lastCheckedOn: '2026-10-01' } }))
      .toEqual({ code: 'CONFLICT', message: 'Someone else has changed this entry. Open it again to see their changes.' });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('finds entries by words in any order, ignoring case and accents, in the name, description, area or category', async () => {
    const knit = ['Zoë’s Knitting Circle'];
    expect(await names({ words: 'zoe' })).toEqual(knit);
    expect(await names({ words: 'KNITTING zoë' })).toEqual(knit);
    expect(await names({ words: '  circle   knit ' })).toEqual(knit);
    expect(await names({ words: 'crochet' })).toEqual(knit);
    expect(await names({ words: 'tea' })).toEqual(['Bramley Community Garden', 'Zoë’s Knitting Circle']);
    expect(await names({ words: 'bramley' })).toEqual(['Bramley Community Garden', 'Walking for Health']);
    // Every word must match somewhere.
    expect(await names({ words: 'bramley tea' })).toEqual(['Bramley Community Garden']);
    expect(await names({ words: 'sport' })).toEqual(['Walking for Health']);
    expect(await names({ words: 'knitting walks' })).toEqual([]);
    // % and _ are letters to search for, not wildcards.
    expect(await names({ words: '%' })).toEqual([]);
    expect(await names({ words: 'advice' })).toEqual([]);
    expect(await names({ words: 'advice', includeInactive: true })).toEqual(['Money Matters Advice']);
  });

  it('filters by category, area and accessibility (every feature chosen), and pages', async () => {
    expect(await names({ category: 'nature' })).toEqual(['Bramley Community Garden']);
    expect(await names({ category: 'physical-activity', words: 'tea' })).toEqual([]);
    expect(await names({ area: 'bramley' })).toEqual(['Bramley Community Garden', 'Walking for Health']);
    expect(await names({ area: 'ARM' })).toEqual(['Zoë’s Knitting Circle']);
    expect(await names({ area: 'armley', includeInactive: true })).toEqual(['Money Matters Advice', 'Zoë’s Knitting Circle']);
    expect(await names({ accessibility: ['step-free'] })).toEqual(['Bramley Community Garden', 'Walking for Health', 'Zoë’s Knitting Circle']);
    expect(await names({ accessibility: ['step-free', 'hearing-loop'] })).toEqual(['Zoë’s Knitting Circle']);
    expect(await names({ accessibility: ['public-transport', 'step-free'] })).toEqual(['Walking for Health']);
    expect(await names({ accessibility: ['bsl'] })).toEqual([]);
    expect(await names({ category: 'money-advice' })).toEqual([]);
    const firstPage = await callOk(practice.app, 'directory.search', { limit: 2 });
    expect([firstPage.entries.map((e) => e.name), firstPage.total]).toEqual([['Bramley Community Garden', 'Walking for Health'], 3]);
    const secondPage = await callOk(practice.app, 'directory.search', { limit: 2, offset: 2 });
    expect([secondPage.entries.map((e) => e.name), secondPage.total]).toEqual([['Zoë’s Knitting Circle'], 3]);
    expect((await callOk(practice.app, 'directory.search', { includeInactive: true })).total).toBe(4);
  });

  it('exports every entry as CSV; the unchanged file imports as updates only, and commits in one go', async () => {
    const seq = lastSeq(practice);
    const exported = await callOk(practice.app, 'directory.exportCsv', {});
    expect([exported.fileName, exported.rows]).toEqual(['PlanWell directory 2026-10-15.csv', 4]);
    const [header, ...rows] = Papa.parse<string[]>(exported.csv, { skipEmptyLines: true }).data;
    expect(header).toEqual(['ID', 'Name', 'Category', 'Description', 'Address', 'Area', 'How to get in touch', 'Cost', 'When it runs', 'Accessibility', 'How to refer', 'Last checked', 'Offered']);
    expect(rows).toEqual([
      [garden.id, 'Bramley Community Garden', 'Nature, gardening and green spaces', 'Growing vegetables together; tea and cake after', '', 'Bramley', '', '', '', 'Step-free access', '', '2026-04-15', 'Yes'],
      [advice.id, 'Money Matters Advice', 'Money, debt and benefits advice', 'Debt and benefits help', '', 'Armley', '', '', '', '', '', '2025-12-01', 'No'],
      [walking.id, 'Walking for Health', 'Physical activity and sport', 'Gentle walks from the library', '', 'Bramley', '', '', '', 'Step-free access; Near public transport', '', '2026-04-14', 'Yes'],
      [knitting.id, 'Zoë’s Knitting Circle', 'Befriending and social groups', 'Knitting and crochet over a pot of tea', '', 'Armley', 'Call Zoë on 0113 496 0001', 'Free', 'Thursdays, 2pm',
        'Step-free access; Accessible toilet; Hearing loop', '', '2026-10-01', 'Yes'],
    ]);
    expect(auditAfter(practice, seq)).toEqual([{ action: 'export', channel: 'directory.exportCsv', person_id: null, detail: 'Exported the directory (4 entries) as CSV' }]);

    const all = async () => (await callOk(practice.app, 'directory.search', { includeInactive: true })).entries;
    const before = await all();
    const state = practiceState(practice.app, practice.dataDirectory);
    expect(await callOk(practice.app, 'directory.importCsv', { csv: exported.csv })).toEqual({ rows: 4, added: 0, updated: 4, problems: [], committed: false });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(state);

    const importSeq = lastSeq(practice);
    expect(await callOk(practice.app, 'directory.importCsv', { csv: `\uFEFF${exported.csv}`, commit: true })).toEqual({ rows: 4, added: 0, updated: 4, problems: [], committed: true });
    expect(await all()).toEqual(before.map((entry) => ({ ...entry, rowVersion: entry.rowVersion + 1 })));
    expect(auditAfter(practice, importSeq)).toEqual([{ action: 'create', channel: 'directory.importCsv', person_id: null, detail: 'Imported the directory from CSV: 0 added, 4 updated' }]);
  });

  it('adds a row without an ID as a new entry, reading features and categories by label or key in any case', async () => {
    const { csv } = await callOk(practice.app, 'directory.exportCsv', {});
    const added = Papa.unparse([['', 'Tai Chi in the Park', 'PHYSICAL-ACTIVITY', 'Slow movement for balance', '', 'Armley', '', 'Free', 'Saturdays, 10am', 'step-free, hearing loop', 'Just turn up', '2026-10-10', '']]);
    expect(await callOk(practice.app, 'directory.importCsv', { csv: `${csv}\r\n${added}`, commit: true })).toEqual({ rows: 5, added: 1, updated: 4, problems: [], committed: true });
    const [taiChi] = (await callOk(practice.app, 'directory.search', { words: 'tai chi' })).entries;
    expect(taiChi).toMatchObject({
      name: 'Tai Chi in the Park', category: 'physical-activity', description: 'Slow movement for balance', area: 'Armley', cost: 'Free', whenItRuns: 'Saturdays, 10am',
      accessibility: ['step-free', 'hearing-loop'], referralRoute: 'Just turn up', lastCheckedOn: '2026-10-10', active: true, stale: false, rowVersion: 1,
    });
  });

  it('reports every problem by line and writes nothing, even when asked to commit', async () => {
    const csv = Papa.unparse([
      ['ID', 'Name', 'Category', 'Accessibility', 'Last checked', 'Offered'],
      [knitting.id, 'A better name', 'Befriending and social groups', '', '2026-10-01', 'Yes'],
      ['', 'Knit and Natter', 'Knitting', '', '2026-10-01', ''],
      ['', 'Ramp Club', 'Other', 'Step-free access; Wheelchair ramp', '2026-10-01', ''],
      ['', 'Leap Day Club', 'other', '', '2026-02-30', ''],
      [randomUUID(), 'Somewhere else', 'other', '', '2026-10-01', ''],
      ['', '', 'other', '', '2026-10-01', 'Maybe'],
      ['', 'A new group that is fine', 'other', '', '2026-10-01', ''],
    ]);
    const before = practiceState(practice.app, practice.dataDirectory);
    const report = await callOk(practice.app, 'directory.importCsv', { csv, commit: true });
    expect(report).toMatchObject({ rows: 7, committed: false });
    expect(report.problems).toEqual([
      { line: 3, message: '"Knitting" is not a directory category' },
      { line: 4, message: 'Accessibility not recognised: wheelchair ramp' },
      { line: 5, message: 'The date it was last checked must be a real date, for example 2026-11-24' },
      { line: 6, message: 'The ID is not an entry in this directory (leave it empty to add a new entry)' },
      { line: 7, message: '"Offered" must be Yes or No' },
      { line: 7, message: 'Enter the name' },
    ]);
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    expect((await callOk(practice.app, 'directory.get', { entryId: knitting.id })).name).toBe('Zoë’s Knitting Circle');

    // The same ID twice is a problem on the later line.
    const twice = Papa.unparse([['ID', 'Name', 'Category', 'Last checked'], [walking.id, 'Walking for Health', 'physical-activity', '2026-04-14'], [walking.id, 'Walking again', 'physical-activity', '2026-04-14']]);
    expect((await callOk(practice.app, 'directory.importCsv', { csv: twice, commit: true })).problems).toEqual([{ line: 3, message: 'The ID appears on an earlier line too' }]);
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('refuses a spreadsheet or a file without the export’s columns', async () => {
    // The first bytes of an .xlsx (a zip), read as text the way the renderer reads a chosen file.
    const xlsx = Buffer.concat([Buffer.from('504b030414000600080000002100', 'hex'), Buffer.from('[Content_Types].xml'), Buffer.from([0x8f, 0xfe, 0x00, 0x01, 0x9c, 0xc3, 0x28, 0x00])]).toString('utf8');
    const before = practiceState(practice.app, practice.dataDirectory);
    expect(await callError(practice.app, 'directory.importCsv', { csv: xlsx, commit: true })).toEqual({ code: 'INVALID_INPUT', message: notCsvTextMessage, issues: [{ path: 'csv', message: notCsvTextMessage }] });
    expect(await callError(practice.app, 'directory.importCsv', { csv: 'Title,Type\nChoir,Arts\n', commit: true })).toMatchObject({
      code: 'INVALID_INPUT', message: 'The file has no "Name", "Category", "Last checked" column. Use the columns of a directory export.',
    });
    expect(await callError(practice.app, 'directory.importCsv', { csv: '', commit: true })).toMatchObject({ code: 'INVALID_INPUT', message: 'The file is empty.' });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
  });

  it('exports a cell that a spreadsheet would run as a formula with its formula escaped', async () => {
    const formula = await saveEntry(practice.app, { name: '=HYPERLINK("http://example.com","Free money")', category: 'other', contact: '+44 113 496 0000', lastCheckedOn: '2026-10-01' });
    const { csv } = await callOk(practice.app, 'directory.exportCsv', {});
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv).toContain(`${formula.id},"'=HYPERLINK(""http://example.com"",""Free money"")",Other,`);
    expect(csv).toContain(`,"'+44 113 496 0000",`);
  });

  it('takes the escape off again on import: an unchanged export round-trips with formula-like cells as they were', async () => {
    const entry = await saveEntry(practice.app, { name: '=SUM(1,2) Club', category: 'other', contact: '+44 113 496 0000', lastCheckedOn: '2026-10-01' });
    for (let round = 0; round < 2; round++) {
      const { csv } = await callOk(practice.app, 'directory.exportCsv', {});
      expect(await callOk(practice.app, 'directory.importCsv', { csv, commit: true })).toMatchObject({ committed: true, problems: [] });
    }
    expect(await callOk(practice.app, 'directory.get', { entryId: entry.id })).toMatchObject({ name: '=SUM(1,2) Club', contact: '+44 113 496 0000' });
  });

  it('finds an area and a category by name with or without accents', async () => {
    // A practice's own category (administrators add them; this practice's signed-in worker is not one).
    sessionSqlite(practice.app).prepare(`INSERT INTO directory_category (key, label, position) VALUES ('cafe-clubs', 'Café clubs', 99)`).run();
    const options = await callOk(practice.app, 'socialPrescribing.options', {});
    const cafe = options.categories.find((c) => c.label === 'Café clubs');
    await saveEntry(practice.app, { name: 'Hôlbeck Coffee Morning', category: cafe?.key ?? '', area: 'Hôlbeck', lastCheckedOn: '2026-10-01' });
    expect(await names({ area: 'holbeck' })).toEqual(['Hôlbeck Coffee Morning']);
    expect(await names({ area: 'Hôlbeck' })).toEqual(['Hôlbeck Coffee Morning']);
    expect(await names({ words: 'cafe' })).toEqual(['Hôlbeck Coffee Morning']);
    expect(await names({ area: 'nowhere' })).toEqual([]);
  });

  it('reads a last-checked date as a spreadsheet saves it (31/03/2026) as well as 2026-03-31', async () => {
    const csv = 'Name,Category,Last checked\r\nSpreadsheet Group,other,31/03/2026\r\n';
    expect(await callOk(practice.app, 'directory.importCsv', { csv })).toMatchObject({ added: 1, problems: [] });
  });

  it('reports problems on the line of the file they are on, past blank lines and line breaks inside cells', async () => {
    const csv = 'ID,Name,Category,Description,Last checked\r\n,A,other,,2026-10-01\r\n,,,,\r\n,B,nope,,2026-10-01\r\n,C,other,"two\nlines",2026-10-01\r\n,D,nope,,2026-10-01';
    const report = await callOk(practice.app, 'directory.importCsv', { csv });
    expect(report.problems).toEqual([
      { line: 4, message: '"nope" is not a directory category' },
      { line: 7, message: '"nope" is not a directory category' },
    ]);
  });


  it('flags an entry checked more than six months ago by the clock: 6 months and a day is stale, exactly 6 months is not', async () => {
    const byName = async () => new Map((await callOk(practice.app, 'directory.search', { includeInactive: true, limit: 500 })).entries.map((e) => [e.name, e.stale]));
    let stale = await byName();
    expect([stale.get('Walking for Health'), stale.get('Bramley Community Garden'), stale.get('Zoë’s Knitting Circle'), stale.get('Money Matters Advice')]).toEqual([true, false, false, true]);
    // The count is of entries still offered, whatever the search.
    const staleOnly = await callOk(practice.app, 'directory.search', { staleOnly: true });
    expect([staleOnly.entries.map((e) => e.name), staleOnly.total, staleOnly.staleCount]).toEqual([['Walking for Health'], 1, 1]);
    expect(await names({ staleOnly: true, includeInactive: true })).toEqual(['Money Matters Advice', 'Walking for Health']);
    expect((await callOk(practice.app, 'directory.search', { words: 'zoe' })).staleCount).toBe(1);
    expect((await callOk(practice.app, 'directory.get', { entryId: garden.id })).stale).toBe(false);

    clock.advance(86_400_000); // 16 October: the garden, checked on 15 April, is now over six months old.
    stale = await byName();
    expect([stale.get('Walking for Health'), stale.get('Bramley Community Garden'), stale.get('Zoë’s Knitting Circle')]).toEqual([true, true, false]);
    expect(await callOk(practice.app, 'directory.search', { staleOnly: true })).toMatchObject({ total: 2, staleCount: 2 });
    expect((await callOk(practice.app, 'directory.get', { entryId: garden.id })).stale).toBe(true);
  });
});

const goalId = randomUUID();
/** A plan ready to agree on the practice's 15 October 2026: the review date is after it. */
const readyPlan = (whatMatters: string): PlanContentInput => ({
  whatMatters,
  goals: [{ id: goalId, outcome: 'Sing with other people every week' }],
  actions: [{ id: randomUUID(), action: 'Find a choir', who: 'Lena (link worker)', when: 'This month' }],
  reviewDate: '2027-01-15',
});

describe('connections', () => {
  let practice: PracticeFixture;
  let choir: DirectoryEntry;
  let walking: DirectoryEntry;
  let garden: DirectoryEntry;
  let closed: DirectoryEntry;
  beforeAll(async () => {
    ({ practice } = await practiceOnOctober15());
    choir = await saveEntry(practice.app, { name: 'Northside Community Choir', category: 'arts', contact: 'choir@example.org', whenItRuns: 'Wednesdays, 7pm' });
    walking = await saveEntry(practice.app, { name: 'Walking for Health', category: 'physical-activity', contact: '0113 496 0002', whenItRuns: 'Mondays, 10am' });
    garden = await saveEntry(practice.app, { name: 'Bramley Community Garden', category: 'nature' });
    closed = await saveEntry(practice.app, { name: 'Closed Lunch Club', category: 'food' }, false);
  });
  afterAll(() => practice?.close());

  it('are made to entries still offered, on open referrals; their outcome is set against the version held', async () => {
    const person = await addPerson(practice);
    const referral = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'contacted', '2026-09-02');
    const seq = lastSeq(practice);
    const made = await connect(practice.app, referral.id, choir.id, '2026-09-05', 'referred');
    expect(made).toEqual({
      id: expect.any(String), referralId: referral.id, personId: person.id, entryId: choir.id, entryName: 'Northside Community Choir', categoryLabel: 'Arts, music and creativity',
      kind: 'referred', connectedOn: '2026-09-05', note: '', outcome: 'not-known-yet', outcomeOn: null, recordedByName: 'Lena Link', rowVersion: 1,
    });
    expect((await callOk(practice.app, 'directory.get', { entryId: choir.id })).connectionCount).toBe(1);

    const declined = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02');
    const discharged = await move(practice.app, await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'declined', '2026-09-02'), 'discharged', '2026-09-03');
    const before = practiceState(practice.app, practice.dataDirectory);
    const attempt = (referralId: string, entryId: string, connectedOn = '2026-09-10') => callError(practice.app, 'connections.create', { referralId, entryId, connectedOn, kind: 'signposted' });
    expect(await attempt(referral.id, closed.id)).toEqual({
      code: 'CONFLICT', message: '"Closed Lunch Club" is no longer offered. Choose another entry.', issues: [{ path: 'entryId', message: 'Choose an entry that is still offered' }],
    });
    const finished = { code: 'CONFLICT', message: 'This referral is finished: open a new referral to connect them to more support.' };
    expect(await attempt(declined.id, walking.id)).toEqual(finished);
    expect(await attempt(discharged.id, walking.id)).toEqual(finished);
    expect(await attempt(referral.id, walking.id, '2026-08-31')).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'connectedOn', message: 'The date must be on or after 1 September 2026' }] });
    expect(await attempt(referral.id, randomUUID())).toEqual({ code: 'NOT_FOUND', message: 'That directory entry is not in PlanWell.' });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);

    const attended = await setOutcome(practice.app, made, 'attended', '2026-09-12');
    expect(attended).toMatchObject({ outcome: 'attended', outcomeOn: '2026-09-12', rowVersion: 2 });
    const afterOutcome = practiceState(practice.app, practice.dataDirectory);
    expect(await callError(practice.app, 'connections.setOutcome', { connectionId: made.id, rowVersion: made.rowVersion, outcome: 'did-not-attend', outcomeOn: '2026-09-13' }))
      .toEqual({ code: 'CONFLICT', message: 'Someone else has changed this connection. Open it again to see their changes.' });
    expect(await callError(practice.app, 'connections.setOutcome', { connectionId: made.id, rowVersion: attended.rowVersion, outcome: 'still-going', outcomeOn: '2026-09-04' }))
      .toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'outcomeOn', message: 'The date must be on or after 5 September 2026' }] });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(afterOutcome);
    const stillGoing = await setOutcome(practice.app, attended, 'still-going', '2026-09-30');
    expect(stillGoing).toMatchObject({ outcome: 'still-going', outcomeOn: '2026-09-30', rowVersion: 3 });

    const walk = await setOutcome(practice.app, await connect(practice.app, referral.id, walking.id, '2026-09-03', 'signposted'), 'did-not-attend', '2026-09-10');
    expect(walk).toMatchObject({ kind: 'signposted', outcome: 'did-not-attend', outcomeOn: '2026-09-10' });
    // Back to not known: the date goes with it.
    expect(await setOutcome(practice.app, walk, 'not-known-yet', '2026-09-11')).toMatchObject({ outcome: 'not-known-yet', outcomeOn: null, rowVersion: 3 });
    expect((await callOk(practice.app, 'connections.forPerson', { personId: person.id })).map((c) => [c.entryName, c.outcome])).toEqual([
      ['Walking for Health', 'not-known-yet'],
      ['Northside Community Choir', 'still-going'],
    ]);
    expect(auditAfter(practice, seq).filter((e) => e.channel.startsWith('connections.')).map((e) => e.detail)).toEqual([
      'Referred to "Northside Community Choir", 5 September 2026',
      '"Northside Community Choir": attended',
      '"Northside Community Choir": still going',
      'Signposted to "Walking for Health", 3 September 2026',
      '"Walking for Health": did not attend',
      '"Walking for Health": not known yet',
    ]);
  });

  it('show in the plan as community support: a draft shows all but those not attended; an agreed version keeps those connected by its date', async () => {
    const person = await addPerson(practice, { givenName: 'Mabel', familyName: 'Lucie' });
    const referral = await move(practice.app, await refer(practice.app, person.id, { referredOn: '2026-09-01' }), 'contacted', '2026-09-01');
    const sings = await setOutcome(practice.app, await connect(practice.app, referral.id, choir.id, '2026-09-01', 'referred'), 'attended', '2026-09-08');
    await setOutcome(practice.app, await connect(practice.app, referral.id, walking.id, '2026-09-05', 'signposted'), 'did-not-attend', '2026-09-12');
    await connect(practice.app, referral.id, garden.id, '2026-09-20', 'signposted');
    const choirSupport = {
      name: 'Northside Community Choir', category: 'Arts, music and creativity', kind: 'referred', connectedOn: '2026-09-01', outcome: 'attended', contact: 'choir@example.org', whenItRuns: 'Wednesdays, 7pm',
    };
    const gardenSupport = { name: 'Bramley Community Garden', category: 'Nature, gardening and green spaces', kind: 'signposted', connectedOn: '2026-09-20', outcome: 'not-known-yet', contact: '', whenItRuns: '' };

    const draft = await callOk(practice.app, 'plans.startDraft', { personId: person.id });
    expect(draft.recordDetails.communitySupport).toEqual([choirSupport, gardenSupport]);
    const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: readyPlan('Singing again') });
    const agreed = await callOk(practice.app, 'plans.agree', { planId: saved.id, rowVersion: saved.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-09-10' });
    expect(agreed.recordDetails.communitySupport).toEqual([choirSupport]);

    // What happens later does not change what was agreed; the next draft shows the record as it is now.
    await setOutcome(practice.app, sings, 'did-not-attend', '2026-10-01');
    expect((await callOk(practice.app, 'plans.get', { planId: agreed.id })).recordDetails.communitySupport).toEqual([choirSupport]);
    const next = await callOk(practice.app, 'plans.startDraft', { personId: person.id, guideCode: 'review' });
    expect(next.recordDetails.communitySupport).toEqual([gardenSupport]);
  });
});

describe('the summary for the GP', () => {
  const dirs = tempDirs();
  const printer = chromiumPrinter();
  let practice: PracticeFixture;
  let mary: Person;
  let referralId: string;
  beforeAll(async () => {
    // Jane (administrator and link worker) records it all and sets the discharge code; Mary is Lena's.
    ({ practice } = await practiceOnOctober15({ printer, signIn: true }));
    const lena = staffMember(template, 'lena.link');
    mary = await addPerson(practice, { givenName: 'Mary', familyName: 'Seacole', dateOfBirth: '1945-03-10', assignedWorkerId: lena.id });
    // What mattered comes from the agreed plan, not from a newer draft.
    const draft = await callOk(practice.app, 'plans.startDraft', { personId: mary.id });
    const saved = await callOk(practice.app, 'plans.saveDraft', { planId: draft.id, rowVersion: draft.rowVersion, content: readyPlan('Getting back to singing with other people.') });
    await callOk(practice.app, 'plans.agree', { planId: saved.id, rowVersion: saved.rowVersion, agreedBy: 'person', method: 'in-person', agreedOn: '2026-08-06' });
    const next = await callOk(practice.app, 'plans.startDraft', { personId: mary.id, guideCode: 'review' });
    await callOk(practice.app, 'plans.saveDraft', { planId: next.id, rowVersion: next.rowVersion, content: { ...readyPlan('Words still being drafted') } });

    const choir = await saveEntry(practice.app, { name: 'Northside Community Choir', category: 'arts' });
    const walking = await saveEntry(practice.app, { name: 'Walking for Health', category: 'physical-activity' });
    let referral = await refer(practice.app, mary.id, {
      referredOn: '2026-08-03', source: 'gp', referrerName: 'Dr Patel', reasons: ['other', 'loneliness'], otherReason: 'Recently moved to the area', urgency: 'soon', consent: 'not-asked',
      notes: 'PRIVATE-REFERRAL-NOTE',
    });
    referralId = referral.id;
    await logContact(practice.app, referralId, '2026-08-05', 30, { notes: 'PRIVATE-CONTACT-NOTE' });
    referral = await move(practice.app, await callOk(practice.app, 'referrals.get', { referralId }), 'accepted', '2026-08-06', { consent: 'yes' });
    await logContact(practice.app, referralId, '2026-09-02', 90, { type: 'group' });
    await logContact(practice.app, referralId, '2026-08-19', 60, { type: 'face-to-face' });
    await setOutcome(practice.app, await connect(practice.app, referralId, choir.id, '2026-08-06', 'referred'), 'attended', '2026-08-20');
    await setOutcome(practice.app, await connect(practice.app, referralId, walking.id, '2026-08-19', 'signposted'), 'did-not-attend', '2026-09-02');
    await recordSwemwbs(practice.app, mary.id, referralId, '2026-08-06', 'baseline', 14);
    await recordOns4(practice.app, mary.id, referralId, '2026-08-06', 'baseline', { lifeSatisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 });
    // A score from a plan review belongs to no referral and is left out.
    await callOk(practice.app, 'outcomes.record', { personId: mary.id, takenOn: '2026-09-15', context: 'review', score: { measure: 'swemwbs', answers: [5, 5, 5, 5, 5, 5, 5] } });
    await recordSwemwbs(practice.app, mary.id, referralId, '2026-09-30', 'follow-up', 21);
    await recordOns4(practice.app, mary.id, referralId, '2026-09-30', 'follow-up', { lifeSatisfaction: 6, worthwhile: 6, happiness: 5, anxiety: 4 });

    await callOk(practice.app, 'socialPrescribing.setStatusCode', { status: 'discharged', ...dischargedCode });
    await move(practice.app, referral, 'discharged', '2026-10-01');
  });
  afterAll(async () => {
    await practice?.close();
    await printer.close();
    dirs.cleanUp();
  });

  const nhs = () => `${mary.nhsNumber.slice(0, 3)} ${mary.nhsNumber.slice(3, 6)} ${mary.nhsNumber.slice(6)}`;

  it('holds why they were referred, what mattered, the contacts, the support and its outcomes, wellbeing before and after, and the codes in order', async () => {
    const seq = lastSeq(practice);
    const summary = await callOk(practice.app, 'referrals.dischargeSummary', { referralId });
    expect(summary).toMatchObject({
      person: { name: 'Mary Seacole', nhsNumber: mary.nhsNumber, dateOfBirth: '1945-03-10' },
      practiceName: 'Riverside Surgery',
      linkWorkerName: 'Lena Link',
      whatMatters: 'Getting back to singing with other people.',
      contacts: { count: 3, totalMinutes: 180, first: '2026-08-05', last: '2026-09-02' },
      codes: [
        { ...newCode, on: '2026-08-03' },
        { ...dischargedCode, on: '2026-10-01' },
      ],
    });
    expect(summary.referral).toMatchObject({ status: 'discharged', consent: 'yes', otherReason: 'Recently moved to the area' });
    expect(summary.connections.map((c) => [c.entryName, c.kind, c.outcome])).toEqual([
      ['Northside Community Choir', 'referred', 'attended'],
      ['Walking for Health', 'signposted', 'did-not-attend'],
    ]);
    expect(summary.measures.map((m) => [m.measure, m.baseline?.takenOn, m.followUp?.takenOn])).toEqual([
      ['swemwbs', '2026-08-06', '2026-09-30'],
      ['ons4', '2026-08-06', '2026-09-30'],
    ]);
    expect(summary.measures[0]?.baseline?.swemwbs?.metricHundredths).toBe(1532);
    expect(summary.measures[0]?.followUp?.swemwbs?.metricHundredths).toBe(1925);
    expect(summary.text).toBe(
      [
        'Social prescribing: summary for the GP',
        `Mary Seacole, NHS number ${nhs()}, born 10 March 1945`,
        'Referred on 3 August 2026 by GP (Dr Patel); soon (within 2 weeks).',
        'Reasons for referral: Loneliness or isolation; Other: Recently moved to the area.',
        'Status: Discharged on 1 October 2026.',
        '',
        'What matters to them:',
        'Getting back to singing with other people.',
        '',
        'Contacts: 3 (180 minutes in all), from 5 August 2026 to 2 September 2026.',
        '',
        'Support offered and taken up:',
        '- Northside Community Choir (Arts, music and creativity): referred 6 August 2026; attended.',
        '- Walking for Health (Physical activity and sport): signposted 19 August 2026; did not attend.',
        '',
        'Wellbeing before and after:',
        '- SWEMWBS metric score 15.32 at baseline (6 August 2026), 19.25 at follow-up (30 September 2026): up 3.93',
        '- ONS4 life satisfaction: 3 at baseline, 6 at follow-up (better)',
        '- ONS4 feeling things are worthwhile: 4 at baseline, 6 at follow-up (better)',
        '- ONS4 happiness: 2 at baseline, 5 at follow-up (better)',
        '- ONS4 anxiety: 8 at baseline, 4 at follow-up (better)',
        '',
        'SNOMED CT codes:',
        `- ${newCode.conceptId} ${newCode.term} (3 August 2026)`,
        `- ${dischargedCode.conceptId} ${dischargedCode.term} (1 October 2026)`,
        '',
        'Link worker: Lena Link, Riverside Surgery.',
      ].join('\n'),
    );
    expect(auditAfter(practice, seq)).toEqual([
      { action: 'view', channel: 'referrals.dischargeSummary', person_id: mary.id, detail: 'Viewed the social prescribing summary for the GP' },
    ]);
  });

  it('prints as a real PDF with their name, NHS number, the support and the codes, never the notes; audited as an export', async () => {
    const seq = lastSeq(practice);
    const exported = await callOk(practice.app, 'referrals.dischargePdf', { referralId });
    expect(exported.fileName).toBe('Social prescribing summary - Mary Seacole - 2026-10-01.pdf');
    const bytes = Buffer.from(exported.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dirs.make(), exported.fileName);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'Social prescribing: summary for the GP',
      'Mary Seacole',
      `NHS number ${nhs()}`,
      'Recently moved to the area',
      'Getting back to singing with other people.',
      'Northside Community Choir',
      'Walking for Health',
      'Attended',
      newCode.conceptId,
      dischargedCode.conceptId,
      dischargedCode.term,
      'SWEMWBS metric score 15.32 at baseline',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('PRIVATE');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title:\s+Social prescribing summary for Mary Seacole/);
    expect(auditAfter(practice, seq)).toEqual([
      { action: 'export', channel: 'referrals.dischargePdf', person_id: mary.id, detail: 'Exported the social prescribing summary for the GP as a PDF' },
    ]);
    expect(await callError(practice.app, 'referrals.dischargePdf', { referralId: randomUUID() })).toEqual({ code: 'NOT_FOUND', message: 'That referral is not in PlanWell.' });
  });

  it('a score for social prescribing belongs to one of the person’s referrals, as a baseline or follow-up', async () => {
    const other = await addPerson(practice);
    const before = practiceState(practice.app, practice.dataDirectory);
    const swemwbs = { measure: 'swemwbs' as const, answers: [3, 3, 3, 3, 3, 3, 3] };
    expect(await callError(practice.app, 'outcomes.record', { personId: mary.id, takenOn: '2026-10-01', context: 'follow-up', score: swemwbs })).toEqual({
      code: 'INVALID_INPUT',
      message: 'A follow-up score belongs to a social prescribing referral: record it from the referral.',
      issues: [{ path: 'context', message: 'Record a follow-up score from the referral' }],
    });
    expect(await callError(practice.app, 'outcomes.record', { personId: mary.id, referralId, takenOn: '2026-10-01', context: 'review', score: swemwbs })).toEqual({
      code: 'INVALID_INPUT', message: 'A score for a referral is a baseline or a follow-up.', issues: [{ path: 'context', message: 'Choose baseline or follow-up' }],
    });
    expect(await callError(practice.app, 'outcomes.record', { personId: other.id, referralId, takenOn: '2026-10-01', context: 'baseline', score: swemwbs }))
      .toEqual({ code: 'NOT_FOUND', message: 'That referral is not in PlanWell.' });
    expect(await callError(practice.app, 'outcomes.record', { personId: mary.id, referralId: randomUUID(), takenOn: '2026-10-01', context: 'baseline', score: swemwbs }))
      .toEqual({ code: 'NOT_FOUND', message: 'That referral is not in PlanWell.' });
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    const recorded = await callOk(practice.app, 'outcomes.record', { personId: mary.id, referralId, takenOn: '2026-10-01', context: 'follow-up', score: swemwbs });
    expect(recorded).toMatchObject({ referralId, context: 'follow-up', measure: 'swemwbs', swemwbs: { raw: 21, metricHundredths: 1925 } });
  });
});

/**
 * The caseload report against a small dataset counted by hand. The range is 1 July to
 * 30 September 2026; dates on its edges (1 July, 30 September) count, 30 June and 1 October do not.
 *
 *   Person (worker)   Referral                         Status now   Contacts (minutes)               Connections (category: outcome)
 *   Ada (Lena)        R1 5 Jul, GP, loneliness+low mood discharged   10 Jul 30, 5 Aug 60, 10 Sep 90    15 Jul social: attended; 20 Jul activity: did not attend; 10 Aug nature: still going
 *   Ben (Lena)        R2 1 Aug, self, money and debt    declined     –                                 –
 *   Cora (Jane)       R3 15 Aug, nurse, loneliness+housing accepted  20 Aug 45                          25 Aug social: not known yet
 *   Dev (nobody)      R4 30 Sep, GP, other              new          –                                 –
 *   Eve (Lena)        R5 20 Jun, social care, bereavement (outside) accepted  25 Jun 20 (outside), 1 Jul 40   28 Jun activity: attended (outside); 1 Sep money: attended
 *   Ada (Lena)        R6 1 Oct, GP, physical activity (outside) contacted  5 Oct 15 (outside)             3 Oct nature: attended (outside)
 *
 *   SWEMWBS (metric, hundredths): R1 baseline 12 Jul raw 14 = 1532, follow-ups 15 Aug raw 18 = 1743 and 15 Sep raw 21 = 1925 (the last in the range counts);
 *   R2 baseline only; R3 baseline and follow-up raw 21 = 1925; R5 baseline 30 Jun raw 28 = 2503 (before the range: a baseline is the first, whenever),
 *   follow-ups 5 Sep raw 24 = 2154 and 10 Oct raw 35 = 3500 (outside). Cora also has a review score, on no referral.
 *   ONS4 (life satisfaction, worthwhile, happiness, anxiety): R1 3,4,2,8 → 6,6,5,4; R5 7,7,7,2 → 5,7,8,5.
 */
describe('the caseload report', () => {
  let practice: PracticeFixture;
  let jane: string;
  beforeAll(async () => {
    ({ practice } = await practiceOnOctober15());
    const app = practice.app;
    const lena = staffMember(template, 'lena.link').id;
    jane = template.user.id;
    const [ada, ben, cora, dev, eve] = await Promise.all([
      addPerson(practice, { givenName: 'Ada', assignedWorkerId: lena }),
      addPerson(practice, { givenName: 'Ben', assignedWorkerId: lena }),
      addPerson(practice, { givenName: 'Cora', assignedWorkerId: jane }),
      addPerson(practice, { givenName: 'Dev' }),
      addPerson(practice, { givenName: 'Eve', assignedWorkerId: lena }),
    ]);
    if (!ada || !ben || !cora || !dev || !eve) throw new Error('unreachable');
    const walking = await saveEntry(app, { name: 'Walking Group', category: 'physical-activity' });
    const knit = await saveEntry(app, { name: 'Knit and Natter', category: 'social-groups' });
    const advice = await saveEntry(app, { name: 'Citizens Advice', category: 'money-advice' });
    const garden = await saveEntry(app, { name: 'Community Garden', category: 'nature' });
    const get = (referralId: string) => callOk(app, 'referrals.get', { referralId });

    // R1: Ada, in the range, discharged.
    const r1 = await refer(app, ada.id, { referredOn: '2026-07-05', source: 'gp', reasons: ['loneliness', 'low-mood'] });
    await logContact(app, r1.id, '2026-07-10', 30);
    await move(app, await get(r1.id), 'accepted', '2026-07-12');
    await logContact(app, r1.id, '2026-08-05', 60, { type: 'face-to-face' });
    await logContact(app, r1.id, '2026-09-10', 90, { type: 'group' });
    await setOutcome(app, await connect(app, r1.id, knit.id, '2026-07-15'), 'attended', '2026-07-22');
    await setOutcome(app, await connect(app, r1.id, walking.id, '2026-07-20'), 'did-not-attend', '2026-07-27');
    await setOutcome(app, await connect(app, r1.id, garden.id, '2026-08-10'), 'still-going', '2026-09-01');
    await recordSwemwbs(app, ada.id, r1.id, '2026-07-12', 'baseline', 14);
    await recordOns4(app, ada.id, r1.id, '2026-07-12', 'baseline', { lifeSatisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 });
    await recordSwemwbs(app, ada.id, r1.id, '2026-08-15', 'follow-up', 18);
    await recordSwemwbs(app, ada.id, r1.id, '2026-09-15', 'follow-up', 21);
    await recordOns4(app, ada.id, r1.id, '2026-09-15', 'follow-up', { lifeSatisfaction: 6, worthwhile: 6, happiness: 5, anxiety: 4 });
    await move(app, await get(r1.id), 'discharged', '2026-09-20');

    // R2: Ben, in the range, declined before any contact; a baseline and no follow-up.
    const r2 = await refer(app, ben.id, { referredOn: '2026-08-01', source: 'self', reasons: ['money-and-debt'], consent: 'not-asked' });
    await recordSwemwbs(app, ben.id, r2.id, '2026-08-02', 'baseline', 21);
    await move(app, r2, 'declined', '2026-08-03');

    // R3: Cora (Jane's), in the range, accepted; no change in SWEMWBS.
    const r3 = await refer(app, cora.id, { referredOn: '2026-08-15', source: 'nurse', reasons: ['loneliness', 'housing'] });
    await logContact(app, r3.id, '2026-08-20', 45, { type: 'home-visit' });
    await move(app, await get(r3.id), 'accepted', '2026-08-22');
    await connect(app, r3.id, knit.id, '2026-08-25');
    await recordSwemwbs(app, cora.id, r3.id, '2026-08-22', 'baseline', 21);
    await recordSwemwbs(app, cora.id, r3.id, '2026-09-25', 'follow-up', 21);
    await callOk(app, 'outcomes.record', { personId: cora.id, takenOn: '2026-09-10', context: 'review', score: { measure: 'swemwbs', answers: [5, 5, 5, 5, 5, 5, 5] } });

    // R4: Dev (nobody's), on the last day of the range, still new.
    await refer(app, dev.id, { referredOn: '2026-09-30', source: 'gp', reasons: ['other'], otherReason: 'Caring for a neighbour' });

    // R5: Eve, referred before the range; a contact on its first day, a connection in it, a follow-up in it and one after.
    const r5 = await refer(app, eve.id, { referredOn: '2026-06-20', source: 'social-care', reasons: ['bereavement'] });
    await logContact(app, r5.id, '2026-06-25', 20);
    await setOutcome(app, await connect(app, r5.id, walking.id, '2026-06-28'), 'attended', '2026-07-05');
    await move(app, await get(r5.id), 'accepted', '2026-06-30');
    await logContact(app, r5.id, '2026-07-01', 40, { type: 'video' });
    await setOutcome(app, await connect(app, r5.id, advice.id, '2026-09-01'), 'attended', '2026-09-10');
    await recordSwemwbs(app, eve.id, r5.id, '2026-06-30', 'baseline', 28);
    await recordOns4(app, eve.id, r5.id, '2026-06-30', 'baseline', { lifeSatisfaction: 7, worthwhile: 7, happiness: 7, anxiety: 2 });
    await recordSwemwbs(app, eve.id, r5.id, '2026-09-05', 'follow-up', 24);
    await recordOns4(app, eve.id, r5.id, '2026-09-05', 'follow-up', { lifeSatisfaction: 5, worthwhile: 7, happiness: 8, anxiety: 5 });
    await recordSwemwbs(app, eve.id, r5.id, '2026-10-10', 'follow-up', 35);

    // R6: Ada again, the day after the range.
    const r6 = await refer(app, ada.id, { referredOn: '2026-10-01', source: 'gp', reasons: ['physical-activity'] });
    await setOutcome(app, await connect(app, r6.id, garden.id, '2026-10-03'), 'attended', '2026-10-08');
    await logContact(app, r6.id, '2026-10-05', 15);
  });
  afterAll(() => practice?.close());

  const report = (from: string, to: string, assignedTo?: string) => callOk(practice.app, 'socialPrescribing.report', { from, to, ...(assignedTo ? { assignedTo } : {}) });
  const sources = (gp: number, nurse: number, socialCare: number, self: number) => [
    { source: 'gp', count: gp }, { source: 'nurse', count: nurse }, { source: 'practice-staff', count: 0 }, { source: 'social-care', count: socialCare },
    { source: 'voluntary-sector', count: 0 }, { source: 'self', count: self }, { source: 'other', count: 0 },
  ];
  const reasons = (counts: Partial<Record<string, number>>) =>
    [
      ['loneliness', 'Loneliness or isolation'], ['low-mood', 'Low mood'], ['housing', 'Housing'], ['money-and-debt', 'Money and debt'], ['employment', 'Employment'],
      ['carer-support', 'Carer support'], ['physical-activity', 'Physical activity'], ['long-term-condition', 'Long-term condition support'], ['bereavement', 'Bereavement'], ['other', 'Other'],
    ].map(([key, label]) => ({ key, label, count: counts[key!] ?? 0 }));
  const statuses = (counts: Partial<Record<string, number>>) =>
    ['new', 'contacted', 'accepted', 'declined', 'did-not-engage', 'discharged'].map((status) => ({ status, count: counts[status] ?? 0 }));
  const none = { people: 0, meanChangeHundredths: null, better: 0, same: 0, worse: 0, changes: [] };
  const noOns4 = { lifeSatisfaction: none, worthwhile: none, happiness: none, anxiety: none };
  // R1 and R5, both Lena's: life satisfaction +3 and −2; worthwhile +2 and 0; happiness +3 and +1; anxiety −4 (better) and +3 (worse).
  const ons4OfR1AndR5 = {
    lifeSatisfaction: { people: 2, meanChangeHundredths: 50, better: 1, same: 0, worse: 1, changes: [-200, 300] },
    worthwhile: { people: 2, meanChangeHundredths: 100, better: 1, same: 1, worse: 0, changes: [0, 200] },
    happiness: { people: 2, meanChangeHundredths: 200, better: 2, same: 0, worse: 0, changes: [100, 300] },
    anxiety: { people: 2, meanChangeHundredths: -50, better: 1, same: 0, worse: 1, changes: [-400, 300] },
  };

  it('counts everyone’s referrals, contacts, connections and wellbeing change in the range, and nothing outside it', async () => {
    expect(await report('2026-07-01', '2026-09-30')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      // R1, R2, R3, R4 (R5 is before the range, R6 after).
      referrals: 4,
      bySource: sources(2, 1, 0, 1), // GP: R1, R4; nurse: R3; self: R2.
      byReason: reasons({ loneliness: 2, 'low-mood': 1, housing: 1, 'money-and-debt': 1, other: 1 }), // Loneliness: R1, R3.
      byStatus: statuses({ new: 1, accepted: 1, declined: 1, discharged: 1 }), // R4, R3, R2, R1.
      // Ada 3 (30 + 60 + 90), Cora 1 (45), Eve 1 on 1 July (40): 5 contacts, 3 people, 5 / 3 = 1.7 each, 265 minutes.
      contacts: { total: 5, people: 3, meanPerPerson: 1.7, totalMinutes: 265 },
      // In the list's order. Taken up means attended or still going.
      connectionsByCategory: [
        { key: 'social-groups', label: 'Befriending and social groups', count: 2, attended: 1 }, // R1 attended, R3 not known yet.
        { key: 'physical-activity', label: 'Physical activity and sport', count: 1, attended: 0 }, // R1 did not attend (R5's is before the range).
        { key: 'nature', label: 'Nature, gardening and green spaces', count: 1, attended: 1 }, // R1 still going (R6's is after).
        { key: 'money-advice', label: 'Money, debt and benefits advice', count: 1, attended: 1 }, // R5 attended.
      ],
      outcomeChange: {
        // R1 1925 − 1532 = +393; R3 1925 − 1925 = 0; R5 2154 − 2503 = −349. Mean 44 / 3 = 14.67 → 15.
        swemwbs: { people: 3, meanChangeHundredths: 15, better: 1, same: 1, worse: 1, changes: [-349, 0, 393] },
        ons4: ons4OfR1AndR5,
      },
    });
  });

  it('“mine” counts only the signed-in worker’s people; another worker’s id, only theirs', async () => {
    // Lena's: Ada, Ben and Eve.
    expect(await report('2026-07-01', '2026-09-30', 'me')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      referrals: 2, // R1, R2.
      bySource: sources(1, 0, 0, 1),
      byReason: reasons({ loneliness: 1, 'low-mood': 1, 'money-and-debt': 1 }),
      byStatus: statuses({ declined: 1, discharged: 1 }),
      // Ada 3 (180 minutes) and Eve 1 (40): 4 contacts, 2 people, 2 each.
      contacts: { total: 4, people: 2, meanPerPerson: 2, totalMinutes: 220 },
      connectionsByCategory: [
        { key: 'social-groups', label: 'Befriending and social groups', count: 1, attended: 1 },
        { key: 'physical-activity', label: 'Physical activity and sport', count: 1, attended: 0 },
        { key: 'nature', label: 'Nature, gardening and green spaces', count: 1, attended: 1 },
        { key: 'money-advice', label: 'Money, debt and benefits advice', count: 1, attended: 1 },
      ],
      outcomeChange: {
        // R1 +393, R5 −349: mean 44 / 2 = 22.
        swemwbs: { people: 2, meanChangeHundredths: 22, better: 1, same: 0, worse: 1, changes: [-349, 393] },
        ons4: ons4OfR1AndR5,
      },
    });
    // Jane's: Cora.
    expect(await report('2026-07-01', '2026-09-30', jane)).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      referrals: 1,
      bySource: sources(0, 1, 0, 0),
      byReason: reasons({ loneliness: 1, housing: 1 }),
      byStatus: statuses({ accepted: 1 }),
      contacts: { total: 1, people: 1, meanPerPerson: 1, totalMinutes: 45 },
      connectionsByCategory: [{ key: 'social-groups', label: 'Befriending and social groups', count: 1, attended: 0 }],
      outcomeChange: { swemwbs: { people: 1, meanChangeHundredths: 0, better: 0, same: 1, worse: 0, changes: [0] }, ons4: noOns4 },
    });
  });

  it('another range counts what falls in it: October has R6, its contact and connection, and R5’s October follow-up against its June baseline', async () => {
    expect(await report('2026-10-01', '2026-10-31')).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      referrals: 1,
      bySource: sources(1, 0, 0, 0),
      byReason: reasons({ 'physical-activity': 1 }),
      byStatus: statuses({ contacted: 1 }),
      contacts: { total: 1, people: 1, meanPerPerson: 1, totalMinutes: 15 },
      connectionsByCategory: [{ key: 'nature', label: 'Nature, gardening and green spaces', count: 1, attended: 1 }],
      // 3500 − 2503 = +997.
      outcomeChange: { swemwbs: { people: 1, meanChangeHundredths: 997, better: 1, same: 0, worse: 0, changes: [997] }, ons4: noOns4 },
    });
    expect(await report('2026-01-01', '2026-01-31')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      referrals: 0,
      bySource: sources(0, 0, 0, 0),
      byReason: reasons({}),
      byStatus: statuses({}),
      contacts: { total: 0, people: 0, meanPerPerson: 0, totalMinutes: 0 },
      connectionsByCategory: [],
      outcomeChange: { swemwbs: none, ons4: noOns4 },
    });
    expect((await callError(practice.app, 'socialPrescribing.report', { from: '2026-09-30', to: '2026-07-01' })).issues).toEqual([
      { path: 'to', message: 'The last date must be on or after the first' },
    ]);
  });
});
