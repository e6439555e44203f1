import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  contactTypeLabels,
  referralSourceLabels,
  referralStatuses,
  referralStatusLabels,
  type ChannelOutput,
  type ChannelParsedInput,
  type ContactType,
  type Referral,
  type ReferralConsent,
  type ReferralContact,
  type ReferralSource,
  type ReferralStatus,
  type ReferralUrgency,
  type SocialPrescribingOptions,
  type StatusCode,
} from '../../src-shared/contract';
import { allowedNextStatuses, canMoveReferral, referralIsOpen } from '../../src-shared/domain/referral-status';
import { formatDate } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { loadPerson } from './people';
import type { SessionDependencies } from './session-dependencies';

/**
 * Social prescribing referrals: recorded with their reasons, moved through their statuses (each
 * change kept, with the SNOMED CT code it records), and the contacts with the person. The audit
 * trail, and so the person's timeline, says what kind of thing happened and when, never the notes.
 */

export async function readOptions(db: AppDatabase): Promise<SocialPrescribingOptions> {
  const [reasons, categories, codes] = await Promise.all([
    db.selectFrom('referral_reason').select(['key', 'label']).orderBy('position').execute(),
    db.selectFrom('directory_category').select(['key', 'label']).orderBy('position').execute(),
    db.selectFrom('referral_status_code').selectAll().execute(),
  ]);
  const byStatus = new Map(codes.map((c) => [c.status, c]));
  const statusCodes: StatusCode[] = referralStatuses.map((status) => ({ status, conceptId: byStatus.get(status)?.concept_id ?? null, term: byStatus.get(status)?.term ?? '' }));
  return { reasons, categories, statusCodes };
}

export function socialPrescribingOptions({ db }: SessionDependencies): Promise<SocialPrescribingOptions> {
  return readOptions(db);
}

export async function setStatusCode({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'socialPrescribing.setStatusCode'>): Promise<StatusCode[]> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('referral_status_code')
      .set({ concept_id: input.conceptId === '' ? null : input.conceptId, term: input.conceptId === '' ? '' : input.term })
      .where('status', '=', input.status)
      .execute();
    await recordAudit(trx, clock, {
      user, action: 'settings', channel: 'socialPrescribing.setStatusCode',
      detail: input.conceptId ? `SNOMED CT code for "${referralStatusLabels[input.status]}" set to ${input.conceptId}` : `SNOMED CT code for "${referralStatusLabels[input.status]}" removed`,
    });
  });
  return (await readOptions(db)).statusCodes;
}

/** A key from a label: "Men's sheds" → "mens-sheds"; a number is added if the key is taken. */
function keyFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 56) || 'option';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

export async function addOption({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'socialPrescribing.addOption'>): Promise<SocialPrescribingOptions> {
  const table = input.list === 'reason' ? 'referral_reason' : 'directory_category';
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom(table).select(['key', 'label', 'position']).execute();
    if (existing.some((o) => o.label.toLowerCase() === input.label.toLowerCase())) {
      throw conflict(`"${input.label}" is already on the list.`, [{ path: 'label', message: 'This is already on the list' }]);
    }
    const position = Math.max(-1, ...existing.map((o) => o.position)) + 1;
    await trx.insertInto(table).values({ key: keyFor(input.label, new Set(existing.map((o) => o.key))), label: input.label, position }).execute();
    await recordAudit(trx, clock, { user, action: 'settings', channel: 'socialPrescribing.addOption', detail: `Added "${input.label}" to the ${input.list === 'reason' ? 'referral reasons' : 'directory categories'}` });
  });
  return readOptions(db);
}

export async function loadReferral(db: AppDatabase, referralId: string): Promise<Referral> {
  const row = await db
    .selectFrom('referral')
    .leftJoin('staff_user', 'staff_user.id', 'referral.created_by')
    .selectAll('referral')
    .select('staff_user.full_name')
    .where('referral.id', '=', referralId)
    .executeTakeFirst();
  if (!row) throw notFound('That referral is not in PlanWell.');
  const [reasons, history, contacts] = await Promise.all([
    db.selectFrom('referral_reason_link').innerJoin('referral_reason', 'referral_reason.key', 'referral_reason_link.reason_key')
      .select(['referral_reason.key', 'referral_reason.label']).where('referral_reason_link.referral_id', '=', referralId).orderBy('referral_reason.position').execute(),
    db.selectFrom('referral_status_change').leftJoin('staff_user', 'staff_user.id', 'referral_status_change.changed_by')
      .select(['referral_status_change.status', 'referral_status_change.changed_on', 'referral_status_change.note', 'referral_status_change.concept_id', 'referral_status_change.term', 'staff_user.full_name'])
      .where('referral_status_change.referral_id', '=', referralId).orderBy('referral_status_change.id').execute(),
    db.selectFrom('referral_contact').select((eb) => eb.fn.countAll<number>().as('count')).where('referral_id', '=', referralId).executeTakeFirstOrThrow(),
  ]);
  const status = row.status as ReferralStatus;
  return {
    id: row.id,
    personId: row.person_id,
    referredOn: row.referred_on,
    source: row.source as ReferralSource,
    referrerName: row.referrer_name,
    reasons,
    otherReason: row.other_reason,
    urgency: row.urgency as ReferralUrgency,
    consent: row.consent as ReferralConsent,
    notes: row.notes,
    status,
    statusChangedOn: row.status_changed_on,
    history: history.map((h) => ({ status: h.status as ReferralStatus, changedOn: h.changed_on, note: h.note, conceptId: h.concept_id, term: h.term, changedByName: h.full_name })),
    nextStatuses: [...allowedNextStatuses(status)],
    contactCount: Number(contacts.count),
    createdByName: row.full_name,
    rowVersion: row.row_version,
  };
}

/** Records a status with the code it carries now; the referral row is updated by the caller. */
async function recordStatus(db: AppDatabase, clock: Clock, userId: string, referralId: string, status: ReferralStatus, changedOn: string, note: string): Promise<void> {
  const code = await db.selectFrom('referral_status_code').selectAll().where('status', '=', status).executeTakeFirst();
  await db
    .insertInto('referral_status_change')
    .values({ referral_id: referralId, status, changed_on: changedOn, note, concept_id: code?.concept_id ?? null, term: code?.term ?? '', changed_at: clock.now().toISOString(), changed_by: userId })
    .execute();
}

export async function createReferral({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'referrals.create'>): Promise<Referral> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const person = await loadPerson(trx, input.personId);
    if (person.status !== 'active') throw conflict('This record is closed. Reopen it before recording a referral.');
    const reasons = [...new Set(input.reasons)];
    const known = await trx.selectFrom('referral_reason').select('key').where('key', 'in', reasons).execute();
    if (known.length !== reasons.length) throw new AppError('INVALID_INPUT', 'Choose reasons from the list.', [{ path: 'reasons', message: 'Choose reasons from the list' }]);
    if (reasons.includes('other') && input.otherReason === '') {
      throw new AppError('INVALID_INPUT', 'Say what the other reason is.', [{ path: 'otherReason', message: 'Say what the other reason is' }]);
    }
    const timestamp = clock.now().toISOString();
    await trx
      .insertInto('referral')
      .values({
        id, person_id: input.personId, referred_on: input.referredOn, source: input.source, referrer_name: input.referrerName,
        other_reason: reasons.includes('other') ? input.otherReason : '', urgency: input.urgency, consent: input.consent, notes: input.notes,
        status: 'new', status_changed_on: input.referredOn, created_at: timestamp, created_by: user.id, updated_at: timestamp,
      })
      .execute();
    await trx.insertInto('referral_reason_link').values(reasons.map((reason_key) => ({ referral_id: id, reason_key }))).execute();
    await recordStatus(trx, clock, user.id, id, 'new', input.referredOn, '');
    await recordAudit(trx, clock, {
      user, action: 'create', channel: 'referrals.create', personId: input.personId,
      detail: `Social prescribing referral from ${referralSourceLabels[input.source].toLowerCase()}, ${formatDate(input.referredOn)}`,
    });
  });
  return loadReferral(db, id);
}

export async function getReferral({ db }: SessionDependencies, input: ChannelParsedInput<'referrals.get'>): Promise<Referral> {
  return loadReferral(db, input.referralId);
}

export async function referralsForPerson({ db }: SessionDependencies, input: ChannelParsedInput<'referrals.forPerson'>): Promise<Referral[]> {
  await loadPerson(db, input.personId);
  const rows = await db.selectFrom('referral').select('id').where('person_id', '=', input.personId).orderBy('referred_on', 'desc').orderBy('created_at', 'desc').execute();
  return Promise.all(rows.map((r) => loadReferral(db, r.id)));
}

/** Moves a referral on: the move must be allowed, dated on or after the last, and current; consent given with it is kept. */
async function moveReferral(db: AppDatabase, clock: Clock, userId: string, referral: Referral, to: ReferralStatus, changedOn: string, note: string): Promise<void> {
  if (!canMoveReferral(referral.status, to)) {
    const allowed = allowedNextStatuses(referral.status).map((s) => referralStatusLabels[s].toLowerCase());
    throw conflict(
      `A referral that is ${referralStatusLabels[referral.status].toLowerCase()} cannot become ${referralStatusLabels[to].toLowerCase()}${allowed.length > 0 ? `: it can become ${allowed.join(' or ')}` : ': it is finished'}.`,
      [{ path: 'status', message: `Choose ${allowed.length > 0 ? allowed.join(' or ') : 'nothing: the referral is finished'}` }],
    );
  }
  if (changedOn < referral.statusChangedOn) {
    throw new AppError('INVALID_INPUT', `The date must be on or after ${formatDate(referral.statusChangedOn)}, when it became ${referralStatusLabels[referral.status].toLowerCase()}.`, [
      { path: 'changedOn', message: `The date must be on or after ${formatDate(referral.statusChangedOn)}` },
    ]);
  }
  if (to === 'accepted' && referral.consent !== 'yes') {
    throw conflict('They have not consented to the referral. Record their consent before accepting it.', [{ path: 'status', message: 'Record their consent before accepting the referral' }]);
  }
  const updated = await db
    .updateTable('referral')
    .set({ status: to, status_changed_on: changedOn, consent: referral.consent, updated_at: clock.now().toISOString(), row_version: sql`row_version + 1` })
    .where('id', '=', referral.id)
    .where('row_version', '=', referral.rowVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('Someone else has changed this referral. Open it again to see their changes.');
  await recordStatus(db, clock, userId, referral.id, to, changedOn, note);
}

export async function changeReferralStatus({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'referrals.changeStatus'>): Promise<Referral> {
  await db.transaction().execute(async (trx) => {
    const referral = await loadReferral(trx, input.referralId);
    if (referral.rowVersion !== input.rowVersion) throw conflict('Someone else has changed this referral. Open it again to see their changes.');
    await moveReferral(trx, clock, user.id, { ...referral, consent: input.consent ?? referral.consent }, input.status, input.changedOn, input.note);
    await recordAudit(trx, clock, {
      user, action: 'update', channel: 'referrals.changeStatus', personId: referral.personId,
      detail: `Social prescribing referral ${referralStatusLabels[input.status].toLowerCase()}, ${formatDate(input.changedOn)}`,
    });
  });
  return loadReferral(db, input.referralId);
}

const urgencyOrder = sql<number>`CASE referral.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;

export async function referralInbox({ db, user }: SessionDependencies, input: ChannelParsedInput<'referrals.inbox'>): Promise<ChannelOutput<'referrals.inbox'>> {
  let scoped = db.selectFrom('referral').innerJoin('person', 'person.id', 'referral.person_id');
  if (input.assignedTo === 'me') scoped = scoped.where('person.assigned_worker_id', '=', user.id);
  else if (input.assignedTo === 'nobody') scoped = scoped.where('person.assigned_worker_id', 'is', null);
  else if (input.assignedTo) scoped = scoped.where('person.assigned_worker_id', '=', input.assignedTo);
  // Without a worker filter the counts need no person: the status index alone answers them.
  const countRows = input.assignedTo
    ? await scoped.select(['referral.status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('referral.status').execute()
    : await db.selectFrom('referral').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute();
  const counts = Object.fromEntries(referralStatuses.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  for (const row of countRows) counts[row.status as ReferralStatus] = Number(row.count);
  const filtered = input.status ? scoped.where('referral.status', '=', input.status) : scoped;
  const total = input.status ? counts[input.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  const direction = input.sort.direction === 'ascending' ? 'asc' : 'desc';
  const order = {
    referredOn: sql`referral.referred_on`,
    name: sql`person.sort_name`,
    urgency: urgencyOrder,
    status: sql`CASE referral.status ${sql.join(referralStatuses.map((s, i) => sql`WHEN ${s} THEN ${i}`), sql` `)} END`,
    statusChangedOn: sql`referral.status_changed_on`,
  }[input.sort.column];
  const rows = await filtered
    .leftJoin('staff_user', 'staff_user.id', 'person.assigned_worker_id')
    .select([
      'referral.id', 'referral.person_id', 'referral.referred_on', 'referral.source', 'referral.urgency', 'referral.status', 'referral.status_changed_on',
      'person.given_name', 'person.family_name', 'person.nhs_number', 'staff_user.full_name as worker_name',
      (eb) => eb.selectFrom('referral_contact').select((c) => c.fn.countAll<number>().as('n')).whereRef('referral_contact.referral_id', '=', 'referral.id').as('contact_count'),
      sql<string>`(SELECT group_concat(label, '; ') FROM (SELECT r.label FROM referral_reason_link l JOIN referral_reason r ON r.key = l.reason_key WHERE l.referral_id = referral.id ORDER BY r.position))`.as('reasons'),
    ])
    .orderBy(order, direction)
    // Ties in date order, then by id: (referred_on, id) is one index, so the page needs no sort.
    .$if(input.sort.column !== 'referredOn', (q) => q.orderBy('referral.referred_on', direction))
    .orderBy('referral.id', direction)
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return {
    total,
    counts,
    rows: rows.map((r) => ({
      referralId: r.id,
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      nhsNumber: r.nhs_number,
      referredOn: r.referred_on,
      source: r.source as ReferralSource,
      reasons: r.reasons ? r.reasons.split('; ') : [],
      urgency: r.urgency as ReferralUrgency,
      status: r.status as ReferralStatus,
      statusChangedOn: r.status_changed_on,
      contactCount: Number(r.contact_count ?? 0),
      workerName: r.worker_name,
    })),
  };
}

function toContact(r: { id: string; referral_id: string; contact_on: string; duration_minutes: number; contact_type: string; attendees: string; notes: string; next_step: string; full_name: string | null }): ReferralContact {
  return {
    id: r.id, referralId: r.referral_id, contactOn: r.contact_on, durationMinutes: r.duration_minutes, type: r.contact_type as ContactType,
    attendees: r.attendees, notes: r.notes, nextStep: r.next_step, recordedByName: r.full_name,
  };
}

function selectContacts(db: AppDatabase) {
  return db
    .selectFrom('referral_contact')
    .leftJoin('staff_user', 'staff_user.id', 'referral_contact.created_by')
    .select(['referral_contact.id', 'referral_contact.referral_id', 'referral_contact.contact_on', 'referral_contact.duration_minutes', 'referral_contact.contact_type', 'referral_contact.attendees', 'referral_contact.notes', 'referral_contact.next_step', 'staff_user.full_name']);
}

/**
 * Logs a contact. The first contact with a new referral marks it contacted, on the contact's date:
 * that is what contacting them means, and it saves a step with the person in the room.
 */
export async function logContact({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'referrals.logContact'>): Promise<ReferralContact> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const referral = await loadReferral(trx, input.referralId);
    if (!referralIsOpen(referral.status)) throw conflict(`This referral is ${referralStatusLabels[referral.status].toLowerCase()}: contacts cannot be added to it.`);
    if (input.contactOn < referral.referredOn) {
      throw new AppError('INVALID_INPUT', `The contact must be on or after the referral date, ${formatDate(referral.referredOn)}.`, [{ path: 'contactOn', message: `The date must be on or after ${formatDate(referral.referredOn)}` }]);
    }
    await trx
      .insertInto('referral_contact')
      .values({
        id, referral_id: referral.id, person_id: referral.personId, contact_on: input.contactOn, duration_minutes: input.durationMinutes, contact_type: input.type,
        attendees: input.attendees, notes: input.notes, next_step: input.nextStep, created_at: clock.now().toISOString(), created_by: user.id,
      })
      .execute();
    if (referral.status === 'new') await moveReferral(trx, clock, user.id, referral, 'contacted', input.contactOn, 'First contact');
    await recordAudit(trx, clock, {
      user, action: 'create', channel: 'referrals.logContact', personId: referral.personId,
      detail: `Social prescribing contact: ${contactTypeLabels[input.type].toLowerCase()}, ${input.durationMinutes} minutes, ${formatDate(input.contactOn)}`,
    });
  });
  const row = await selectContacts(db).where('referral_contact.id', '=', id).executeTakeFirstOrThrow();
  return toContact(row);
}

export async function listContacts({ db }: SessionDependencies, input: ChannelParsedInput<'referrals.contacts'>): Promise<ReferralContact[]> {
  await loadReferral(db, input.referralId);
  const rows = await selectContacts(db).where('referral_contact.referral_id', '=', input.referralId).orderBy('referral_contact.contact_on').orderBy('referral_contact.created_at').execute();
  return rows.map(toContact);
}
