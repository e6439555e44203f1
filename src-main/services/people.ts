import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import type {
  ChannelOutput,
  ChannelParsedInput,
  ContactMethod,
  ContactRole,
  EligibilityGroup,
  NewPerson,
  Person,
  PersonStatus,
  TimelineEntry,
} from '../../src-shared/contract';
import {
  describeCommunicationNeed,
  type CommunicationNeed,
  type CommunicationNeedKind,
} from '../../src-shared/domain/accessible-information';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import type { DatabaseSchema, PersonTable } from '../db/schema';
import { AppError, conflict, notFound } from '../ipc/errors';
import type { SessionDependencies } from './session-dependencies';

export type NewPersonRow = Insertable<PersonTable> & { id: string; nhs_number: string };

/** Given, preferred and family name, folded: what search looks in. */
function searchNameOf(person: Pick<NewPerson, 'givenName' | 'preferredName' | 'familyName'>): string {
  return foldForSearch([person.givenName, person.preferredName, person.familyName].filter(Boolean).join(' '));
}

function detailColumns(input: NewPerson) {
  return {
    given_name: input.givenName,
    family_name: input.familyName,
    preferred_name: input.preferredName,
    date_of_birth: input.dateOfBirth,
    nhs_number: input.nhsNumber,
    sex_or_gender: input.sexOrGender,
    address: input.address,
    postcode: input.postcode,
    phone: input.phone,
    email: input.email,
    preferred_contact_method: input.preferredContactMethod,
    registered_practice: input.registeredPractice,
    assigned_worker_id: input.assignedWorkerId,
    sharing_preferences: input.sharingPreferences,
    search_name: searchNameOf(input),
    sort_name: foldForSearch(`${input.familyName} ${input.givenName}`),
  };
}

/** The row for a new person: the one mapping used by createPerson and by bulk inserts. */
export function newPersonRow(input: NewPerson, userId: string, timestamp: string): NewPersonRow {
  return {
    id: randomUUID(),
    ...detailColumns(input),
    created_at: timestamp,
    created_by: userId,
    updated_at: timestamp,
    updated_by: userId,
  };
}

const fieldLabels: Record<string, string> = {
  given_name: 'given name', family_name: 'family name', preferred_name: 'preferred name', date_of_birth: 'date of birth',
  nhs_number: 'NHS number', sex_or_gender: 'sex or gender', address: 'address', postcode: 'postcode', phone: 'phone',
  email: 'email', preferred_contact_method: 'preferred contact method', registered_practice: 'registered GP practice',
  assigned_worker_id: 'assigned worker', sharing_preferences: 'sharing choices',
};

async function requireNhsNumberFree(db: AppDatabase, nhsNumber: string, exceptId?: string): Promise<void> {
  let query = db.selectFrom('person').select('id').where('nhs_number', '=', nhsNumber);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw conflict(`A person with NHS number ${formatNhsNumber(nhsNumber)} is already in PlanWell.`, [
      { path: 'nhsNumber', message: 'This NHS number belongs to someone already in PlanWell' },
    ]);
  }
}

async function requireActiveWorker(db: AppDatabase, userId: string | null): Promise<void> {
  if (userId === null) return;
  const worker = await db.selectFrom('staff_user').select('id').where('id', '=', userId).where('active', '=', 1).executeTakeFirst();
  if (!worker) {
    throw new AppError('INVALID_INPUT', 'That member of staff cannot be assigned.', [
      { path: 'assignedWorkerId', message: 'Choose an active member of staff' },
    ]);
  }
}

export async function createPerson({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'people.create'>): Promise<Person> {
  const row = newPersonRow(input, user.id, clock.now().toISOString());
  return db.transaction().execute(async (trx) => {
    await requireNhsNumberFree(trx, input.nhsNumber);
    await requireActiveWorker(trx, input.assignedWorkerId);
    await trx.insertInto('person').values(row).execute();
    await recordAudit(trx, clock, { user, action: 'create', channel: 'people.create', personId: row.id, detail: 'Added to PlanWell' });
    return loadPerson(trx, row.id);
  });
}

/** The whole record: details, worker, eligibility, communication needs and contacts. */
export async function loadPerson(db: AppDatabase, id: string): Promise<Person> {
  const row = await db
    .selectFrom('person')
    .leftJoin('staff_user', 'staff_user.id', 'person.assigned_worker_id')
    .selectAll('person')
    .select('staff_user.full_name as worker_name')
    .where('person.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('That person is not in PlanWell.');
  const [eligibility, needs, contacts] = await Promise.all([
    db.selectFrom('person_eligibility').innerJoin('eligibility_group', 'eligibility_group.code', 'person_eligibility.group_code')
      .select('group_code').where('person_id', '=', id).orderBy('eligibility_group.sort_order').execute(),
    db.selectFrom('communication_need').select(['kind', 'need', 'detail']).where('person_id', '=', id).orderBy('kind').orderBy('need').execute(),
    db.selectFrom('person_contact').selectAll().where('person_id', '=', id).orderBy('role').orderBy('name').execute(),
  ]);
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    nhsNumber: row.nhs_number,
    sexOrGender: row.sex_or_gender,
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    email: row.email,
    preferredContactMethod: row.preferred_contact_method as ContactMethod | '',
    registeredPractice: row.registered_practice,
    status: row.status as PersonStatus,
    closedReason: row.closed_reason,
    closedOn: row.closed_on,
    assignedWorkerId: row.assigned_worker_id,
    assignedWorkerName: row.worker_name,
    sharingPreferences: row.sharing_preferences,
    eligibility: eligibility.map((e) => e.group_code),
    communicationNeeds: needs.map((n) => ({ kind: n.kind as CommunicationNeedKind, need: n.need, detail: n.detail })),
    communicationNotes: row.communication_notes,
    contacts: contacts.map((c) => ({
      id: c.id, role: c.role as ContactRole, name: c.name, relationship: c.relationship, phone: c.phone,
      email: c.email, address: c.address, mayReceivePlan: c.may_receive_plan === 1,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  };
}

/** Opening a person's record: audited once per opening (the page asks once when it opens). */
export async function getPerson({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'people.get'>): Promise<Person> {
  const person = await loadPerson(db, input.id);
  await recordAudit(db, clock, { user, action: 'view', channel: 'people.get', personId: person.id, detail: 'Opened the record' });
  return person;
}

/**
 * Changes a person's details. The caller names the version it started from; if someone else
 * saved in between, nothing is written and they are told to reload.
 */
async function changePerson(
  { db, user, clock }: SessionDependencies,
  id: string,
  rowVersion: number,
  channel: string,
  describe: (before: Person) => string,
  change: (trx: AppDatabase, before: Person) => Promise<Partial<Record<string, string | null>>>,
): Promise<Person> {
  return db.transaction().execute(async (trx) => {
    const before = await loadPerson(trx, id);
    if (before.rowVersion !== rowVersion) throw staleVersion();
    const columns = await change(trx, before);
    const result = await trx
      .updateTable('person')
      .set({ ...columns, updated_at: clock.now().toISOString(), updated_by: user.id, row_version: sql`row_version + 1` })
      .where('id', '=', id)
      .where('row_version', '=', rowVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
    await recordAudit(trx, clock, { user, action: 'update', channel, personId: id, detail: describe(before) });
    return loadPerson(trx, id);
  });
}

function staleVersion(): AppError {
  return conflict('Someone else changed this record after you opened it. Reload the page to see their changes, then make yours again.');
}

export async function updatePerson(deps: SessionDependencies, input: ChannelParsedInput<'people.update'>): Promise<Person> {
  const columns = detailColumns(input);
  let changed: string[] = [];
  return changePerson(deps, input.id, input.rowVersion, 'people.update', () => `Changed ${changed.join(', ') || 'nothing'}`, async (trx, before) => {
    if (input.nhsNumber !== before.nhsNumber) await requireNhsNumberFree(trx, input.nhsNumber, input.id);
    if (input.assignedWorkerId !== before.assignedWorkerId) await requireActiveWorker(trx, input.assignedWorkerId);
    const current = await trx.selectFrom('person').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    changed = Object.entries(fieldLabels)
      .filter(([column]) => (current as Record<string, unknown>)[column] !== (columns as Record<string, unknown>)[column])
      .map(([, label]) => label);
    return columns;
  });
}

// The audit detail never holds the reason or the groups: the trail is read by administrators who
// may not see people, and both can be clinical ("died", "section 117"). The record holds them.
export async function closePerson(deps: SessionDependencies, input: ChannelParsedInput<'people.close'>): Promise<Person> {
  return changePerson(deps, input.id, input.rowVersion, 'people.close', () => 'Closed the record', async (_trx, before) => {
    if (before.status === 'closed') throw conflict('This record is already closed.');
    return { status: 'closed', closed_reason: input.closedReason, closed_on: input.closedOn };
  });
}

export async function reopenPerson(deps: SessionDependencies, input: ChannelParsedInput<'people.reopen'>): Promise<Person> {
  return changePerson(deps, input.id, input.rowVersion, 'people.reopen', () => 'Reopened', async (_trx, before) => {
    if (before.status === 'active') throw conflict('This record is already open.');
    return { status: 'active', closed_reason: '', closed_on: '' };
  });
}

/** Records changes that are not in the person row itself, with who and when, in one transaction. */
async function changeRecordParts(
  { db, user, clock }: SessionDependencies,
  personId: string,
  rowVersion: number | undefined,
  channel: string,
  detail: string,
  change: (trx: AppDatabase) => Promise<void>,
): Promise<Person> {
  return db.transaction().execute(async (trx) => {
    const before = await loadPerson(trx, personId);
    if (rowVersion !== undefined && before.rowVersion !== rowVersion) throw staleVersion();
    await change(trx);
    await trx.updateTable('person').set({ updated_at: clock.now().toISOString(), updated_by: user.id, row_version: sql`row_version + 1` }).where('id', '=', personId).execute();
    await recordAudit(trx, clock, { user, action: 'update', channel, personId, detail });
    return loadPerson(trx, personId);
  });
}

export async function setCommunicationNeeds(deps: SessionDependencies, input: ChannelParsedInput<'people.setCommunicationNeeds'>): Promise<Person> {
  const distinct = new Set(input.needs.map((n) => `${n.kind}/${n.need}`));
  if (distinct.size !== input.needs.length) {
    throw new AppError('INVALID_INPUT', 'Each need can be recorded once.', [{ path: 'needs', message: 'Each need can be recorded once' }]);
  }
  return changeRecordParts(deps, input.personId, input.rowVersion, 'people.setCommunicationNeeds', input.needs.length === 1 ? 'Recorded 1 accessible-information need' : `Recorded ${input.needs.length} accessible-information needs`, async (trx) => {
    await trx.deleteFrom('communication_need').where('person_id', '=', input.personId).execute();
    if (input.needs.length > 0) {
      await trx.insertInto('communication_need').values(input.needs.map((n) => ({ person_id: input.personId, kind: n.kind, need: n.need, detail: n.detail }))).execute();
    }
    await trx.updateTable('person').set({ communication_notes: input.notes }).where('id', '=', input.personId).execute();
  });
}

export async function setEligibility(deps: SessionDependencies, input: ChannelParsedInput<'people.setEligibility'>): Promise<Person> {
  return changeRecordParts(deps, input.personId, input.rowVersion, 'people.setEligibility', `Changed eligibility groups (${input.groups.length} chosen)`, async (trx) => {
    if (input.groups.length > 0) {
      const known = await trx.selectFrom('eligibility_group').select('code').where('code', 'in', input.groups).where('active', '=', 1).execute();
      if (known.length !== input.groups.length) {
        throw new AppError('INVALID_INPUT', 'Choose eligibility groups from the list.', [{ path: 'groups', message: 'Choose eligibility groups from the list' }]);
      }
    }
    await trx.deleteFrom('person_eligibility').where('person_id', '=', input.personId).execute();
    if (input.groups.length > 0) {
      await trx.insertInto('person_eligibility').values(input.groups.map((code) => ({ person_id: input.personId, group_code: code }))).execute();
    }
  });
}

export async function saveContact(deps: SessionDependencies, input: ChannelParsedInput<'people.saveContact'>): Promise<Person> {
  const { contact } = input;
  const columns = {
    role: contact.role, name: contact.name, relationship: contact.relationship, phone: contact.phone,
    email: contact.email, address: contact.address, may_receive_plan: contact.mayReceivePlan ? 1 : 0,
  };
  const verb = contact.id ? 'Changed' : 'Added';
  return changeRecordParts(deps, input.personId, input.rowVersion, 'people.saveContact', `${verb} a contact (${contact.role})`, async (trx) => {
    if (contact.id) {
      const result = await trx.updateTable('person_contact').set(columns).where('id', '=', contact.id).where('person_id', '=', input.personId).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw notFound('That contact is not on this record.');
    } else {
      await trx.insertInto('person_contact').values({ id: randomUUID(), person_id: input.personId, ...columns }).execute();
    }
  });
}

export async function removeContact(deps: SessionDependencies, input: ChannelParsedInput<'people.removeContact'>): Promise<Person> {
  return changeRecordParts(deps, input.personId, input.rowVersion, 'people.removeContact', 'Removed a contact', async (trx) => {
    const result = await trx.deleteFrom('person_contact').where('id', '=', input.contactId).where('person_id', '=', input.personId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFound('That contact is not on this record.');
  });
}

/** Everything recorded about a person, newest first; views are left out, they are not about the person. */
export async function personTimeline({ db }: SessionDependencies, input: ChannelParsedInput<'people.timeline'>): Promise<TimelineEntry[]> {
  await loadPerson(db, input.personId);
  const rows = await db
    .selectFrom('audit_event')
    .leftJoin('staff_user', 'staff_user.id', 'audit_event.user_id')
    .select(['audit_event.seq', 'audit_event.at', 'audit_event.action', 'audit_event.detail', 'staff_user.full_name'])
    .where('audit_event.person_id', '=', input.personId)
    .where('audit_event.action', '!=', 'view')
    .orderBy('audit_event.seq', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, userName: r.full_name, action: r.action, detail: r.detail }));
}

/** LIKE treats % and _ as wildcards; a search for them must find them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const personSortColumns = {
  name: 'person.sort_name',
  dateOfBirth: 'person.date_of_birth',
  nhsNumber: 'person.nhs_number',
  postcode: 'person.postcode',
  updatedAt: 'person.updated_at',
  assignedWorker: 'person.worker_sort',
} as const;

/**
 * Finds people by any part of their name (accents and case ignored) or by NHS number with or
 * without spaces, with the caseload's filters and sort. Searching, counting and paging all happen
 * in the database; a trigram index answers name searches of three or more letters.
 */
export async function searchPeople(
  { db, user }: SessionDependencies,
  input: ChannelParsedInput<'people.search'>,
): Promise<ChannelOutput<'people.search'>> {
  const digits = input.query.replace(/[\s-]/g, '');
  const byNhsNumber = /^\d+$/.test(digits);
  // No join here: the count needs none, and a join makes it read every matching row (slow at 100,000).
  let query = db.selectFrom('person');
  if (byNhsNumber) {
    // A range, not LIKE, so the unique index on nhs_number answers it.
    query = query.where('person.nhs_number', '>=', digits).where('person.nhs_number', '<', `${digits}:`);
  } else {
    const words = foldForSearch(input.query).split(' ').filter(Boolean);
    const indexed = words.filter((w) => w.length >= 3 && !/[%_\\]/.test(w));
    const scanned = words.filter((w) => !indexed.includes(w));
    if (indexed.length > 0) {
      const conditions = sql.join(indexed.map((w) => sql`search_name LIKE ${`%${w}%`}`), sql` AND `);
      query = query.where(sql<SqlBool>`person.rowid IN (SELECT rowid FROM person_search WHERE ${conditions})`);
    }
    for (const word of scanned) {
      query = query.where(sql<SqlBool>`person.search_name LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`);
    }
  }
  if (input.assignedTo === 'me') query = query.where('person.assigned_worker_id', '=', user.id);
  else if (input.assignedTo === 'nobody') query = query.where('person.assigned_worker_id', 'is', null);
  else if (input.assignedTo) query = query.where('person.assigned_worker_id', '=', input.assignedTo);
  // A filter by group or needs is written two ways. The page walks the sort order's index and asks
  // of each person in turn (EXISTS), stopping at a page; the count starts from the group's or the
  // needs' own index and probes each person's status (measured in `npm run bench`).
  let pageQuery = query;
  let countQuery = query;
  if (input.status !== 'any') {
    pageQuery = pageQuery.where('person.status', '=', input.status);
    // With a group, the group's index must drive the count: unary + stops SQLite walking the
    // status index instead (the documented way to disqualify an index for one term).
    countQuery = input.eligibility
      ? countQuery.where(sql<string>`+person.status`, '=', input.status)
      : countQuery.where('person.status', '=', input.status);
  }
  if (input.eligibility) {
    const code = input.eligibility;
    pageQuery = pageQuery.where(({ exists, selectFrom }) => exists(
      selectFrom('person_eligibility').select(sql`1`.as('one')).whereRef('person_eligibility.person_id', '=', 'person.id').where('person_eligibility.group_code', '=', code),
    ));
    countQuery = countQuery.innerJoin('person_eligibility', 'person_eligibility.person_id', 'person.id').where('person_eligibility.group_code', '=', code);
  }
  if (input.hasCommunicationNeeds !== undefined) {
    const withNeeds = (eb: ExpressionBuilder<DatabaseSchema, 'person'>) =>
      eb.exists(eb.selectFrom('communication_need').select(sql`1`.as('one')).whereRef('communication_need.person_id', '=', 'person.id'));
    pageQuery = pageQuery.where((eb) => (input.hasCommunicationNeeds ? withNeeds(eb) : eb.not(withNeeds(eb))));
    const needIds = db.selectFrom('communication_need').select('communication_need.person_id');
    countQuery = countQuery.where('person.id', input.hasCommunicationNeeds ? 'in' : 'not in', needIds);
  }

  const direction = input.sort.direction === 'ascending' ? 'asc' : 'desc';
  // The page's rows are found first from an index alone (rowids), then only those rows are read.
  // Each sort's index (migration 0004) holds the whole ORDER BY, ties broken by name then id in the
  // same direction, so even a page far down the list is index steps, never a sort.
  let ordered = pageQuery.select(sql<number>`person.rowid`.as('rid')).orderBy(personSortColumns[input.sort.column], direction);
  // NHS numbers are unique: nothing to break.
  if (input.sort.column !== 'nhsNumber') {
    if (input.sort.column !== 'name') ordered = ordered.orderBy('person.sort_name', direction);
    ordered = ordered.orderBy('person.id', direction);
  }
  const [page, count] = await Promise.all([
    ordered.limit(input.limit).offset(input.offset).execute(),
    countQuery.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const rowids = page.map((p) => p.rid);
  const unordered = rowids.length === 0 ? [] : await db
    .selectFrom('person')
    .leftJoin('staff_user', 'staff_user.id', 'person.assigned_worker_id')
    .select([
      sql<number>`person.rowid`.as('rid'),
      'person.id', 'person.given_name', 'person.family_name', 'person.preferred_name', 'person.date_of_birth',
      'person.nhs_number', 'person.postcode', 'person.status', 'staff_user.full_name as worker_name',
    ])
    .where(sql<number>`person.rowid`, 'in', rowids)
    .execute();
  const byRowid = new Map(unordered.map((row) => [row.rid, row]));
  const rows = rowids.map((rid) => byRowid.get(rid)).filter((row) => row !== undefined);
  const needs = rows.length === 0 ? [] : await db
    .selectFrom('communication_need')
    .select(['person_id', 'kind', 'need', 'detail'])
    .where('person_id', 'in', rows.map((r) => r.id))
    .orderBy('kind')
    .execute();
  return {
    people: rows.map((row) => ({
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      preferredName: row.preferred_name,
      dateOfBirth: row.date_of_birth,
      nhsNumber: row.nhs_number,
      postcode: row.postcode,
      status: row.status as PersonStatus,
      assignedWorkerName: row.worker_name,
      communicationNeeds: needs
        .filter((n) => n.person_id === row.id)
        .map((n) => describeCommunicationNeed(n as CommunicationNeed)),
    })),
    total: Number(count.total),
  };
}

export async function listEligibilityGroups({ db }: SessionDependencies): Promise<EligibilityGroup[]> {
  const rows = await db.selectFrom('eligibility_group').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, label: r.label, legalRight: r.legal_right === 1, active: r.active === 1 }));
}

/** A surgery adds its own local groups; the legal-right groups are fixed. */
export async function addEligibilityGroup({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'eligibility.add'>): Promise<EligibilityGroup> {
  const code = `local-${foldForSearch(input.label).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || randomUUID().slice(0, 8)}`;
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('eligibility_group').select('code').where('code', '=', code).executeTakeFirst()) {
      throw conflict('There is already a group with that name.', [{ path: 'label', message: 'There is already a group with that name' }]);
    }
    const last = await trx.selectFrom('eligibility_group').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    await trx.insertInto('eligibility_group').values({ code, label: input.label, legal_right: 0, active: 1, sort_order: Number(last?.n ?? 0) + 10 }).execute();
    await recordAudit(trx, clock, { user, action: 'settings', channel: 'eligibility.add', detail: `Added eligibility group "${input.label}"` });
    return { code, label: input.label, legalRight: false, active: true };
  });
}

export async function staffDirectory({ db }: SessionDependencies): Promise<{ id: string; fullName: string }[]> {
  const rows = await db.selectFrom('staff_user').select(['id', 'full_name']).where('active', '=', 1).orderBy('full_name').execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name }));
}

export async function getPreference({ db, user }: SessionDependencies, input: ChannelParsedInput<'preferences.get'>): Promise<string[] | null> {
  const row = await db.selectFrom('staff_preference').select('value_json').where('user_id', '=', user.id).where('key', '=', input.key).executeTakeFirst();
  return row ? (JSON.parse(row.value_json) as string[]) : null;
}

export async function setPreference({ db, user }: SessionDependencies, input: ChannelParsedInput<'preferences.set'>): Promise<null> {
  const value = JSON.stringify(input.value);
  await db.insertInto('staff_preference').values({ user_id: user.id, key: input.key, value_json: value })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value_json: value })).execute();
  return null;
}
