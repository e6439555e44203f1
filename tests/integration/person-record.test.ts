import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPersonInput, Person, UpdatePersonInput } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { RecordingClock } from '../fixtures/clock';
import { practiceState, sessionSqlite } from '../fixtures/database';
import { callError, callOk } from '../fixtures/dispatch';
import { nhsNumberSource } from '../fixtures/nhs-numbers';
import {
  createPracticeTemplate,
  practiceFrom,
  staffMember,
  switchUser,
  type PracticeFixture,
  type PracticeTemplate,
} from '../fixtures/practice';

/**
 * The full person record (issue 4): details, status, contacts, eligibility, accessible-information
 * needs, optimistic concurrency, the timeline, preferences and the staff directory — through the
 * dispatcher, over a real encrypted database.
 */

let template: PracticeTemplate;
beforeAll(async () => {
  template = await createPracticeTemplate({
    clinicalRoles: ['link-worker'],
    staff: [
      { username: 'lena.link', fullName: 'Lena Link', roles: ['link-worker'] },
      { username: 'vic.viewer', fullName: 'Vic Viewer', roles: ['viewer'] },
      { username: 'dan.departed', fullName: 'Dan Departed', roles: ['link-worker'] },
    ],
  });
});
afterAll(() => template.remove());

const nextNhsNumber = nhsNumberSource('999444');

interface AuditEvent {
  seq: number;
  user_id: string | null;
  action: string;
  channel: string | null;
  person_id: string | null;
  outcome: string;
  detail: string;
}

/** Everything a refused request must leave as it was: counts, key file, audit head, and every record row. */
function everything(practice: PracticeFixture) {
  const sqlite = sessionSqlite(practice.app);
  const rows = (table: string, order: string) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  return {
    state: practiceState(practice.app, practice.dataDirectory),
    person: rows('person', 'id'),
    person_contact: rows('person_contact', 'id'),
    person_eligibility: rows('person_eligibility', 'person_id, group_code'),
    communication_need: rows('communication_need', 'person_id, kind, need'),
    eligibility_group: rows('eligibility_group', 'code'),
    staff_preference: rows('staff_preference', 'user_id, key'),
    audit: rows('audit_event', 'seq'),
  };
}

function lastSeq(practice: PracticeFixture): number {
  return sessionSqlite(practice.app).prepare('SELECT coalesce(max(seq), 0) FROM audit_event').pluck().get() as number;
}

function eventsAfter(practice: PracticeFixture, seq: number): AuditEvent[] {
  return sessionSqlite(practice.app)
    .prepare('SELECT seq, user_id, action, channel, person_id, outcome, detail FROM audit_event WHERE seq > ? ORDER BY seq')
    .all(seq) as AuditEvent[];
}

async function addPerson(practice: PracticeFixture, overrides: Partial<NewPersonInput> = {}): Promise<Person> {
  return callOk(practice.app, 'people.create', {
    givenName: 'Mary',
    familyName: 'Seacole',
    dateOfBirth: '1945-11-23',
    nhsNumber: nextNhsNumber(),
    ...overrides,
  });
}

/** The update form as it opens: the stored details and the version they came from. */
function editable(person: Person): UpdatePersonInput {
  return {
    id: person.id,
    rowVersion: person.rowVersion,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
    dateOfBirth: person.dateOfBirth,
    nhsNumber: person.nhsNumber,
    sexOrGender: person.sexOrGender,
    address: person.address,
    postcode: person.postcode,
    phone: person.phone,
    email: person.email,
    preferredContactMethod: person.preferredContactMethod,
    registeredPractice: person.registeredPractice,
    assignedWorkerId: person.assignedWorkerId,
    sharingPreferences: person.sharingPreferences,
  };
}

const staleMessage = 'Someone else changed this record after you opened it. Reload the page to see their changes, then make yours again.';

describe('changing a person’s details', () => {
  let practice: PracticeFixture;
  const clock = new RecordingClock(new Date('2026-04-01T08:00:00.000Z'));
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
  });
  afterAll(() => practice.close());

  it('saves every field, normalises the postcode, and names the changed fields (never their values) in the audit', async () => {
    const lena = staffMember(template, 'lena.link');
    const person = await addPerson(practice, { givenName: 'Grace', familyName: 'Darling' });
    clock.advance(60_000);
    const seq = lastSeq(practice);
    const values = {
      givenName: 'Gracie',
      familyName: 'Darling-Hope',
      preferredName: 'Gee',
      dateOfBirth: '1946-01-02',
      nhsNumber: nextNhsNumber(),
      sexOrGender: 'Woman',
      address: '12 Acacia Avenue, Leeds',
      postcode: ' ls1 4ap ',
      phone: '0113 496 0123',
      email: 'gracie.hope@example.com',
      preferredContactMethod: 'text-message',
      registeredPractice: 'Riverside Surgery',
      assignedWorkerId: lena.id,
      sharingPreferences: 'Her daughter Mia may see the plan',
    } as const;
    const updated = await callOk(practice.app, 'people.update', { id: person.id, rowVersion: 1, ...values });
    expect(updated).toEqual({
      ...person,
      ...values,
      postcode: 'LS1 4AP',
      assignedWorkerName: 'Lena Link',
      updatedAt: clock.now().toISOString(),
      rowVersion: 2,
    });
    expect(await callOk(practice.app, 'people.get', { id: person.id })).toEqual(updated);
    const row = sessionSqlite(practice.app).prepare('SELECT search_name, sort_name, updated_by FROM person WHERE id = ?').get(person.id);
    expect(row).toEqual({ search_name: 'gracie gee darling-hope', sort_name: 'darling-hope gracie', updated_by: practice.user.id });

    const [event, view] = eventsAfter(practice, seq);
    expect(event).toMatchObject({ user_id: practice.user.id, action: 'update', channel: 'people.update', person_id: person.id, outcome: 'success' });
    expect(event?.detail).toBe(
      'Changed given name, family name, preferred name, date of birth, NHS number, sex or gender, address, postcode, phone, email, ' +
        'preferred contact method, registered GP practice, assigned worker, sharing choices',
    );
    for (const value of [...Object.values(values), 'LS1 4AP', 'Lena Link', formatNhsNumber(values.nhsNumber)]) {
      expect(event?.detail.toLowerCase(), value).not.toContain(value.trim().toLowerCase());
    }
    expect(view).toMatchObject({ action: 'view', channel: 'people.get' });

    // Only what changed is named; a postcode typed differently but the same is not a change.
    const again = await callOk(practice.app, 'people.update', { ...editable(updated), givenName: 'Grace', postcode: 'ls14ap', phone: '' });
    expect(again).toMatchObject({ givenName: 'Grace', postcode: 'LS1 4AP', phone: '', rowVersion: 3 });
    expect(eventsAfter(practice, seq).at(-1)?.detail).toBe('Changed given name, phone');
  });

  it('refuses a stale rowVersion with CONFLICT and writes nothing', async () => {
    const person = await addPerson(practice);
    const first = await callOk(practice.app, 'people.update', { ...editable(person), preferredName: 'Polly' });
    expect(first.rowVersion).toBe(2);

    // Someone who opened the record before that save.
    const before = everything(practice);
    expect(await callError(practice.app, 'people.update', { ...editable(person), familyName: 'Overwritten' })).toEqual({
      code: 'CONFLICT',
      message: staleMessage,
    });
    expect(await callError(practice.app, 'people.update', { ...editable(person), rowVersion: 9 })).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(practice.app, 'people.close', { id: person.id, rowVersion: 1, closedReason: 'Moved away', closedOn: '2026-04-01' })).toEqual({
      code: 'CONFLICT',
      message: staleMessage,
    });
    expect(everything(practice)).toEqual(before);
    expect(await callOk(practice.app, 'people.get', { id: person.id })).toMatchObject({ familyName: 'Seacole', preferredName: 'Polly', status: 'active', rowVersion: 2 });

    // Changes to the parts of the record move the version on too, so a form opened before them is stale.
    const withContact = await callOk(practice.app, 'people.saveContact', { personId: person.id, contact: { role: 'carer', name: 'Paul Parker' } });
    expect(withContact.rowVersion).toBe(first.rowVersion + 1);
    expect(await callError(practice.app, 'people.update', { ...editable(first), preferredName: 'Pol' })).toMatchObject({ code: 'CONFLICT' });
    expect(await callOk(practice.app, 'people.update', { ...editable(withContact), preferredName: 'Pol' })).toMatchObject({ preferredName: 'Pol', rowVersion: 4 });
  });

  it('refuses another person’s NHS number with CONFLICT on nhsNumber, and writes nothing', async () => {
    const holder = await addPerson(practice, { givenName: 'Holder' });
    const person = await addPerson(practice, { givenName: 'Changer' });
    const before = everything(practice);
    expect(await callError(practice.app, 'people.update', { ...editable(person), nhsNumber: formatNhsNumber(holder.nhsNumber) })).toEqual({
      code: 'CONFLICT',
      message: `A person with NHS number ${formatNhsNumber(holder.nhsNumber)} is already in PlanWell.`,
      issues: [{ path: 'nhsNumber', message: 'This NHS number belongs to someone already in PlanWell' }],
    });
    expect(everything(practice)).toEqual(before);
    // Their own number, typed with spaces, is not a clash.
    expect(await callOk(practice.app, 'people.update', { ...editable(person), nhsNumber: formatNhsNumber(person.nhsNumber) })).toMatchObject({
      nhsNumber: person.nhsNumber,
      rowVersion: 2,
    });
  });

  it('assigns only an active member of staff: unknown or deactivated is INVALID_INPUT on assignedWorkerId', async () => {
    const dan = staffMember(template, 'dan.departed');
    const person = await addPerson(practice);
    const withDan = await callOk(practice.app, 'people.update', { ...editable(person), assignedWorkerId: dan.id });
    expect(withDan).toMatchObject({ assignedWorkerId: dan.id, assignedWorkerName: 'Dan Departed' });
    await callOk(practice.app, 'staff.deactivate', { userId: dan.id });

    const refusal = {
      code: 'INVALID_INPUT',
      message: 'That member of staff cannot be assigned.',
      issues: [{ path: 'assignedWorkerId', message: 'Choose an active member of staff' }],
    };
    const other = await addPerson(practice);
    const before = everything(practice);
    expect(await callError(practice.app, 'people.update', { ...editable(other), assignedWorkerId: dan.id })).toEqual(refusal);
    expect(await callError(practice.app, 'people.update', { ...editable(other), assignedWorkerId: '0b7c3d2e-1f4a-4b5c-9d6e-7f8a9b0c1d2e' })).toEqual(refusal);
    expect(await callError(practice.app, 'people.create', { givenName: 'New', familyName: 'Person', dateOfBirth: '1960-01-01', nhsNumber: nextNhsNumber(), assignedWorkerId: dan.id })).toEqual(refusal);
    expect(everything(practice)).toEqual(before);

    // Someone already assigned to them keeps the assignment until it is changed; nobody is always allowed.
    expect(await callOk(practice.app, 'people.update', { ...editable(withDan), preferredName: 'Mo' })).toMatchObject({ assignedWorkerId: dan.id, preferredName: 'Mo' });
    expect(await callOk(practice.app, 'people.update', { ...editable(other), assignedWorkerId: null })).toMatchObject({ assignedWorkerId: null, assignedWorkerName: null });
  });

  it('answers NOT_FOUND for a person nobody has, on every channel that names one', async () => {
    const nobody = '0e1d2c3b-4a59-4867-9a5b-4c3d2e1f0a9b';
    const person = await addPerson(practice);
    const before = everything(practice);
    const notFound = { code: 'NOT_FOUND', message: 'That person is not in PlanWell.' };
    expect(await callError(practice.app, 'people.update', { ...editable(person), id: nobody })).toEqual(notFound);
    expect(await callError(practice.app, 'people.close', { id: nobody, rowVersion: 1, closedReason: 'x', closedOn: '2026-04-01' })).toEqual(notFound);
    expect(await callError(practice.app, 'people.reopen', { id: nobody, rowVersion: 1 })).toEqual(notFound);
    expect(await callError(practice.app, 'people.setEligibility', { personId: nobody, groups: ['chc'] })).toEqual(notFound);
    expect(await callError(practice.app, 'people.setCommunicationNeeds', { personId: nobody, needs: [] })).toEqual(notFound);
    expect(await callError(practice.app, 'people.saveContact', { personId: nobody, contact: { role: 'carer', name: 'X' } })).toEqual(notFound);
    expect(await callError(practice.app, 'people.timeline', { personId: nobody })).toEqual(notFound);
    expect(everything(practice)).toEqual(before);
  });
});

describe('closing and reopening a record', () => {
  let practice: PracticeFixture;
  const clock = new RecordingClock(new Date('2026-05-01T08:00:00.000Z'));
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
  });
  afterAll(() => practice.close());

  it('closes with a reason and date, hides the person from the default list, and reopens', async () => {
    const person = await addPerson(practice, { givenName: 'Closable', familyName: 'Quorn' });
    const seq = lastSeq(practice);
    clock.advance(60_000);
    const reason = 'Died peacefully at the hospice';
    const closed = await callOk(practice.app, 'people.close', { id: person.id, rowVersion: 1, closedReason: ` ${reason} `, closedOn: '2026-04-30' });
    expect(closed).toEqual({ ...person, status: 'closed', closedReason: reason, closedOn: '2026-04-30', updatedAt: clock.now().toISOString(), rowVersion: 2 });

    const find = async (status?: 'active' | 'closed' | 'any') =>
      (await callOk(practice.app, 'people.search', { query: 'quorn', ...(status ? { status } : {}) })).people.map((p) => [p.id, p.status]);
    expect(await find()).toEqual([]);
    expect(await find('active')).toEqual([]);
    expect(await find('closed')).toEqual([[person.id, 'closed']]);
    expect(await find('any')).toEqual([[person.id, 'closed']]);

    // Closing twice is refused, and nothing is written.
    const before = everything(practice);
    expect(await callError(practice.app, 'people.close', { id: person.id, rowVersion: 2, closedReason: 'Again', closedOn: '2026-05-01' })).toEqual({
      code: 'CONFLICT',
      message: 'This record is already closed.',
    });
    expect(everything(practice)).toEqual(before);

    clock.advance(60_000);
    const reopened = await callOk(practice.app, 'people.reopen', { id: person.id, rowVersion: 2 });
    expect(reopened).toEqual({ ...closed, status: 'active', closedReason: '', closedOn: '', updatedAt: clock.now().toISOString(), rowVersion: 3 });
    expect(await find()).toEqual([[person.id, 'active']]);
    expect(await callError(practice.app, 'people.reopen', { id: person.id, rowVersion: 3 })).toEqual({ code: 'CONFLICT', message: 'This record is already open.' });
    expect(await callError(practice.app, 'people.reopen', { id: person.id, rowVersion: 2 })).toEqual({ code: 'CONFLICT', message: staleMessage });

    // The audit trail says it was closed and reopened, never why: administrators read it.
    const events = eventsAfter(practice, seq);
    expect(events.map((e) => [e.action, e.channel, e.person_id])).toEqual([
      ['update', 'people.close', person.id],
      ['update', 'people.reopen', person.id],
    ]);
    for (const event of events) expect(event.detail.toLowerCase()).not.toMatch(/died|hospice/);
  });
});

describe('contacts, eligibility and accessible-information needs', () => {
  let practice: PracticeFixture;
  const clock = new RecordingClock(new Date('2026-06-01T08:00:00.000Z'));
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
  });
  afterAll(() => practice.close());

  it('adds, changes and removes contacts; a contact of another person is NOT_FOUND and nothing is written', async () => {
    const person = await addPerson(practice);
    const other = await addPerson(practice, { givenName: 'Other' });
    const withCarer = await callOk(practice.app, 'people.saveContact', {
      personId: person.id,
      contact: { role: 'carer', name: ' Ben Seacole ', relationship: 'Son', phone: '07700 900123', email: 'ben@example.com', address: '3 Mill Lane', mayReceivePlan: true },
    });
    expect(withCarer.contacts).toEqual([
      { id: expect.any(String), role: 'carer', name: 'Ben Seacole', relationship: 'Son', phone: '07700 900123', email: 'ben@example.com', address: '3 Mill Lane', mayReceivePlan: true },
    ]);
    const carerId = withCarer.contacts[0]!.id;
    const withTwo = await callOk(practice.app, 'people.saveContact', { personId: person.id, contact: { role: 'nominee', name: 'Ann Nominee' } });
    expect(withTwo.contacts.map((c) => [c.role, c.name, c.mayReceivePlan])).toEqual([
      ['carer', 'Ben Seacole', true],
      ['nominee', 'Ann Nominee', false],
    ]);
    const otherWithContact = await callOk(practice.app, 'people.saveContact', { personId: other.id, contact: { role: 'next-of-kin', name: 'Kim Kin' } });
    const otherContactId = otherWithContact.contacts[0]!.id;

    // Change one: the same id, new values.
    const changed = await callOk(practice.app, 'people.saveContact', {
      personId: person.id,
      contact: { id: carerId, role: 'representative', name: 'Ben Seacole', relationship: 'Son', mayReceivePlan: false },
    });
    expect(changed.contacts).toContainEqual({ id: carerId, role: 'representative', name: 'Ben Seacole', relationship: 'Son', phone: '', email: '', address: '', mayReceivePlan: false });
    expect(changed.contacts).toHaveLength(2);

    // Another person's contact cannot be changed or removed through this person.
    const before = everything(practice);
    const notHere = { code: 'NOT_FOUND', message: 'That contact is not on this record.' };
    expect(await callError(practice.app, 'people.saveContact', { personId: person.id, contact: { id: otherContactId, role: 'carer', name: 'Hijacked' } })).toEqual(notHere);
    expect(await callError(practice.app, 'people.removeContact', { personId: person.id, contactId: otherContactId })).toEqual(notHere);
    expect(await callError(practice.app, 'people.removeContact', { personId: person.id, contactId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a' })).toEqual(notHere);
    expect(everything(practice)).toEqual(before);
    expect((await callOk(practice.app, 'people.get', { id: other.id })).contacts).toEqual(otherWithContact.contacts);

    const removed = await callOk(practice.app, 'people.removeContact', { personId: person.id, contactId: carerId });
    expect(removed.contacts.map((c) => c.name)).toEqual(['Ann Nominee']);
    expect(removed.rowVersion).toBe(changed.rowVersion + 1);
    expect(await callError(practice.app, 'people.removeContact', { personId: person.id, contactId: carerId })).toEqual(notHere);
  });

  it('refuses a change to part of the record made from a stale version, and writes nothing', async () => {
    const person = await addPerson(practice);
    const carer = await callOk(practice.app, 'people.saveContact', { personId: person.id, rowVersion: person.rowVersion, contact: { role: 'carer', name: 'First Carer' } });
    expect(carer.rowVersion).toBe(person.rowVersion + 1);
    const before = practiceState(practice.app, practice.dataDirectory);
    const stale = { code: 'CONFLICT', message: expect.stringContaining('Someone else changed this record') };
    expect(await callError(practice.app, 'people.saveContact', { personId: person.id, rowVersion: person.rowVersion, contact: { role: 'carer', name: 'Second' } })).toMatchObject(stale);
    expect(await callError(practice.app, 'people.removeContact', { personId: person.id, rowVersion: person.rowVersion, contactId: carer.contacts[0]!.id })).toMatchObject(stale);
    expect(await callError(practice.app, 'people.setEligibility', { personId: person.id, rowVersion: person.rowVersion, groups: ['chc'] })).toMatchObject(stale);
    expect(await callError(practice.app, 'people.setCommunicationNeeds', { personId: person.id, rowVersion: person.rowVersion, needs: [] })).toMatchObject(stale);
    expect(practiceState(practice.app, practice.dataDirectory)).toEqual(before);
    const current = await callOk(practice.app, 'people.setEligibility', { personId: person.id, rowVersion: carer.rowVersion, groups: ['chc'] });
    expect(current.eligibility).toEqual(['chc']);
  });

  it('lists the eligibility groups, records a person’s groups, and refuses an unknown code', async () => {
    const groups = await callOk(practice.app, 'eligibility.list', {});
    expect(groups.filter((g) => g.legalRight).map((g) => g.code)).toEqual(['chc', 'children-continuing-care', 'section-117', 'wheelchair']);
    expect(groups.map((g) => g.code)).toEqual(expect.arrayContaining(['learning-disability-autism', 'mental-health', 'veterans', 'long-term-conditions']));
    expect(groups.every((g) => g.active && g.label.length > 0)).toBe(true);

    const person = await addPerson(practice);
    const seq = lastSeq(practice);
    const set = await callOk(practice.app, 'people.setEligibility', { personId: person.id, groups: ['veterans', 'section-117'] });
    // In the list's order, not the order chosen.
    expect(set.eligibility).toEqual(['section-117', 'veterans']);
    expect(set.rowVersion).toBe(2);

    const before = everything(practice);
    expect(await callError(practice.app, 'people.setEligibility', { personId: person.id, groups: ['chc', 'no-such-group'] })).toEqual({
      code: 'INVALID_INPUT',
      message: 'Choose eligibility groups from the list.',
      issues: [{ path: 'groups', message: 'Choose eligibility groups from the list' }],
    });
    expect(await callError(practice.app, 'people.setEligibility', { personId: person.id, groups: ['chc', 'chc'] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(everything(practice)).toEqual(before);

    expect((await callOk(practice.app, 'people.setEligibility', { personId: person.id, groups: [] })).eligibility).toEqual([]);
    // The audit names the change, not the groups (they can say more about someone's health than an administrator should read).
    const events = eventsAfter(practice, seq);
    expect(events.map((e) => e.channel)).toEqual(['people.setEligibility', 'people.setEligibility']);
    for (const event of events) expect(event.detail).not.toMatch(/section|veteran|117/i);
  });

  it('replaces communication needs wholesale, refuses duplicates, and flags them in search', async () => {
    const person = await addPerson(practice, { familyName: 'Needham' });
    const first = await callOk(practice.app, 'people.setCommunicationNeeds', {
      personId: person.id,
      needs: [
        { kind: 'information-format', need: 'large-print' },
        { kind: 'communication-professional', need: 'language-interpreter', detail: 'Polish' },
        { kind: 'contact-method', need: 'other', detail: 'Ring the warden first' },
      ],
      notes: 'Hard of hearing in the left ear',
    });
    expect(first.communicationNeeds).toEqual([
      { kind: 'communication-professional', need: 'language-interpreter', detail: 'Polish' },
      { kind: 'contact-method', need: 'other', detail: 'Ring the warden first' },
      { kind: 'information-format', need: 'large-print', detail: '' },
    ]);
    expect(first.communicationNotes).toBe('Hard of hearing in the left ear');
    const summary = async () => (await callOk(practice.app, 'people.search', { query: 'needham', hasCommunicationNeeds: true })).people;
    expect((await summary()).map((p) => p.communicationNeeds)).toEqual([
      ['Spoken language interpreter: Polish', 'Another contact method: Ring the warden first', 'Large print'],
    ]);

    const replaced = await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [{ kind: 'information-format', need: 'easy-read' }] });
    expect(replaced.communicationNeeds).toEqual([{ kind: 'information-format', need: 'easy-read', detail: '' }]);
    expect(replaced.communicationNotes).toBe('');

    const before = everything(practice);
    expect(
      await callError(practice.app, 'people.setCommunicationNeeds', {
        personId: person.id,
        needs: [
          { kind: 'information-format', need: 'braille' },
          { kind: 'information-format', need: 'braille', detail: 'Grade 2' },
        ],
      }),
    ).toEqual({ code: 'INVALID_INPUT', message: 'Each need can be recorded once.', issues: [{ path: 'needs', message: 'Each need can be recorded once' }] });
    expect(await callError(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [{ kind: 'information-format', need: 'other' }] })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'needs.0.detail', message: 'Describe the need in their words' }],
    });
    expect(everything(practice)).toEqual(before);

    const cleared = await callOk(practice.app, 'people.setCommunicationNeeds', { personId: person.id, needs: [] });
    expect(cleared.communicationNeeds).toEqual([]);
    expect(await summary()).toEqual([]);
    expect((await callOk(practice.app, 'people.search', { query: 'needham', hasCommunicationNeeds: false })).people.map((p) => p.id)).toEqual([person.id]);
  });
});

describe('the timeline', () => {
  let practice: PracticeFixture;
  const clock = new RecordingClock(new Date('2026-07-01T08:00:00.000Z'));
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true, clock });
  });
  afterAll(() => practice.close());

  it('lists creates and changes, newest first, with who did them, and leaves out views', async () => {
    const person = await addPerson(practice, { givenName: 'Timothy', familyName: 'Line' });
    const other = await addPerson(practice, { givenName: 'Somebody', familyName: 'Else' });
    await callOk(practice.app, 'people.get', { id: person.id });
    clock.advance(60_000);
    const updated = await callOk(practice.app, 'people.update', { ...editable(person), postcode: 'M1 1AE' });
    await callOk(practice.app, 'people.get', { id: person.id });
    await callOk(practice.app, 'people.update', { ...editable(other), preferredName: 'Not this one' });

    // Someone else adds a contact.
    await switchUser(practice.app, staffMember(template, 'lena.link'));
    clock.advance(60_000);
    await callOk(practice.app, 'people.saveContact', { personId: person.id, contact: { role: 'carer', name: 'Carol Carer' } });
    clock.advance(60_000);
    await callOk(practice.app, 'people.close', { id: person.id, rowVersion: updated.rowVersion + 1, closedReason: 'Moved to Cornwall', closedOn: '2026-07-01' });
    await callOk(practice.app, 'people.get', { id: person.id });

    const timeline = await callOk(practice.app, 'people.timeline', { personId: person.id });
    expect(timeline.map((e) => [e.action, e.userName, e.detail])).toEqual([
      ['update', 'Lena Link', 'Closed the record'],
      ['update', 'Lena Link', 'Added a contact (carer)'],
      ['update', 'Jane Admin', 'Changed postcode'],
      ['create', 'Jane Admin', 'Added to PlanWell'],
    ]);
    const seqs = timeline.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const times = timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(timeline[0]?.at).toBe(clock.now().toISOString());

    // A viewer may read it too.
    await switchUser(practice.app, staffMember(template, 'vic.viewer'));
    expect(await callOk(practice.app, 'people.timeline', { personId: person.id })).toEqual(timeline);
    expect((await callOk(practice.app, 'people.timeline', { personId: other.id })).map((e) => e.detail)).toEqual(['Changed preferred name', 'Added to PlanWell']);
  });
});

describe('preferences, the staff directory and local eligibility groups', () => {
  let practice: PracticeFixture;
  beforeAll(async () => {
    practice = await practiceFrom(template, { signIn: true });
  });
  afterAll(() => practice.close());

  it('keeps each user’s preferences to themselves', async () => {
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toBeNull();
    expect(await callOk(practice.app, 'preferences.set', { key: 'caseload.columns', value: ['name', 'postcode'] })).toBeNull();
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toEqual(['name', 'postcode']);
    expect(await callOk(practice.app, 'preferences.set', { key: 'caseload.columns', value: ['nhsNumber'] })).toBeNull();
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toEqual(['nhsNumber']);

    await switchUser(practice.app, staffMember(template, 'lena.link'));
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toBeNull();
    await callOk(practice.app, 'preferences.set', { key: 'caseload.columns', value: [] });
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toEqual([]);

    await switchUser(practice.app, practice.admin);
    expect(await callOk(practice.app, 'preferences.get', { key: 'caseload.columns' })).toEqual(['nhsNumber']);
  });

  it('lists active staff only, by name, to anyone who may read people', async () => {
    const everyone = [
      { id: practice.user.id, fullName: 'Jane Admin' },
      ...['dan.departed', 'lena.link', 'vic.viewer'].map((username) => {
        const member = staffMember(template, username);
        return { id: member.id, fullName: member.fullName };
      }),
    ].sort((a, b) => a.fullName.localeCompare(b.fullName));
    expect(everyone.map((member) => member.fullName)).toEqual(['Dan Departed', 'Jane Admin', 'Lena Link', 'Vic Viewer']);
    expect(await callOk(practice.app, 'staff.directory', {})).toEqual(everyone);
    await callOk(practice.app, 'staff.deactivate', { userId: staffMember(template, 'dan.departed').id });
    const active = everyone.filter((member) => member.fullName !== 'Dan Departed');
    expect(await callOk(practice.app, 'staff.directory', {})).toEqual(active);
    await switchUser(practice.app, staffMember(template, 'vic.viewer'));
    expect(await callOk(practice.app, 'staff.directory', {})).toEqual(active);
    await switchUser(practice.app, practice.admin);
  });

  it('lets an administrator add a local group, usable at once; a link worker may not', async () => {
    // The administrator here also holds a clinical role; a link worker alone has no settings:manage.
    await switchUser(practice.app, staffMember(template, 'lena.link'));
    const before = everything(practice);
    expect(await callError(practice.app, 'eligibility.add', { label: 'Unpaid carers' })).toEqual({
      code: 'FORBIDDEN',
      message: 'Your role in PlanWell does not allow this.',
    });
    expect(everything(practice)).toEqual(before);

    await switchUser(practice.app, practice.admin);
    const seq = lastSeq(practice);
    const added = await callOk(practice.app, 'eligibility.add', { label: ' Unpaid carers ' });
    expect(added).toEqual({ code: 'local-unpaid-carers', label: 'Unpaid carers', legalRight: false, active: true });
    expect(eventsAfter(practice, seq)).toEqual([
      expect.objectContaining({ action: 'settings', channel: 'eligibility.add', person_id: null, user_id: practice.user.id }),
    ]);
    const groups = await callOk(practice.app, 'eligibility.list', {});
    expect(groups.at(-1)).toEqual(added);

    const duplicate = everything(practice);
    expect(await callError(practice.app, 'eligibility.add', { label: 'UNPAID   Carers' })).toEqual({
      code: 'CONFLICT',
      message: 'There is already a group with that name.',
      issues: [{ path: 'label', message: 'There is already a group with that name' }],
    });
    expect(everything(practice)).toEqual(duplicate);

    // Usable straight away, by a link worker, in a record and as a caseload filter.
    await switchUser(practice.app, staffMember(template, 'lena.link'));
    const person = await addPerson(practice, { givenName: 'Carrie', familyName: 'Carer' });
    await addPerson(practice, { givenName: 'Notin', familyName: 'Group' });
    expect((await callOk(practice.app, 'people.setEligibility', { personId: person.id, groups: [added.code, 'chc'] })).eligibility).toEqual(['chc', added.code]);
    const found = await callOk(practice.app, 'people.search', { eligibility: added.code });
    expect(found).toMatchObject({ total: 1, people: [{ id: person.id }] });
  });
});
