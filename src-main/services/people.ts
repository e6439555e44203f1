import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ChannelOutput, ChannelParsedInput, NewPerson, Person } from '../../src-shared/contract';
import { formatNhsNumber, normaliseNhsNumber } from '../../src-shared/domain/nhs-number';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { recordAudit } from '../audit/trail';
import type { PersonTable } from '../db/schema';
import { conflict, notFound } from '../ipc/errors';
import type { SessionDependencies } from './session-dependencies';

type PersonRow = Pick<PersonTable, 'id' | 'given_name' | 'family_name' | 'date_of_birth' | 'nhs_number' | 'created_at' | 'updated_at'>;

const personColumns = ['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'created_at', 'updated_at'] as const;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    nhsNumber: row.nhs_number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type NewPersonRow = Omit<PersonTable, 'row_version'>;

/** The row for a new person: the one mapping used by createPerson and by bulk inserts. */
export function newPersonRow(input: NewPerson, userId: string, timestamp: string): NewPersonRow {
  return {
    id: randomUUID(),
    given_name: input.givenName,
    family_name: input.familyName,
    date_of_birth: input.dateOfBirth,
    nhs_number: input.nhsNumber,
    search_name: foldForSearch(`${input.givenName} ${input.familyName}`),
    created_at: timestamp,
    created_by: userId,
    updated_at: timestamp,
    updated_by: userId,
  };
}

export async function createPerson(
  { db, user, clock }: SessionDependencies,
  input: ChannelParsedInput<'people.create'>,
): Promise<Person> {
  const row = newPersonRow(input, user.id, clock.now().toISOString());
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('person').select('id').where('nhs_number', '=', input.nhsNumber).executeTakeFirst();
    if (existing) {
      throw conflict(`A person with NHS number ${formatNhsNumber(input.nhsNumber)} is already in PlanWell.`, [
        { path: 'nhsNumber', message: 'This NHS number belongs to someone already in PlanWell' },
      ]);
    }
    await trx.insertInto('person').values(row).execute();
    await recordAudit(trx, clock, { user, action: 'create', channel: 'people.create', personId: row.id, detail: 'Added to PlanWell' });
    return toPerson(row);
  });
}

/** Opening a person's record: audited once per opening (the page asks once when it opens). */
export async function getPerson({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'people.get'>): Promise<Person> {
  const row = await db.selectFrom('person').select(personColumns).where('id', '=', input.id).executeTakeFirst();
  if (!row) throw notFound('That person is not in PlanWell.');
  await recordAudit(db, clock, { user, action: 'view', channel: 'people.get', personId: row.id, detail: 'Opened the record' });
  return toPerson(row);
}

/** LIKE treats % and _ as wildcards; a search for them must find them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Finds people by any part of their name (accents and case ignored) or by NHS number with or
 * without spaces. Searching, counting and paging all happen in the database.
 */
export async function searchPeople(
  { db }: SessionDependencies,
  input: ChannelParsedInput<'people.search'>,
): Promise<ChannelOutput<'people.search'>> {
  // The same normalising as entry (spaces and hyphens), so "943-476-5919" finds what it saved.
  const digits = normaliseNhsNumber(input.query);
  let query = db.selectFrom('person');
  if (/^\d+$/.test(digits)) {
    query = query.where(sql<boolean>`nhs_number LIKE ${`${digits}%`}`);
  } else {
    for (const word of foldForSearch(input.query).split(' ').filter(Boolean)) {
      query = query.where(sql<boolean>`search_name LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`);
    }
  }
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number'])
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    people: rows.map((row) => ({
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth,
      nhsNumber: row.nhs_number,
    })),
    total: Number(count.total),
  };
}
