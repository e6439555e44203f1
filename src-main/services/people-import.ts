import type { NewPerson } from '../../src-shared/contract';
import type { CommunicationNeed } from '../../src-shared/domain/accessible-information';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { AppError, conflict } from '../ipc/errors';
import { recordAudit } from '../audit/trail';
import { newPersonRow, type NewPersonRow } from './people';
import type { SessionDependencies } from './session-dependencies';

/**
 * Rows per INSERT statement: about 24 columns each keeps a statement under 10,000 bound values,
 * well under SQLite's limit (32,766), while a statement's fixed costs are shared by many rows.
 */
const rowsPerStatement = 400;
/** Eligibility and needs rows are narrow (2 and 4 columns), so more fit in one statement. */
const partRowsPerStatement = 2_000;
/** NHS numbers per existence check. */
const numbersPerLookup = 900;

/** What an import may bring beyond a person's details; all optional. */
export interface PersonRecordParts {
  /** Eligibility group codes, which must be active groups. */
  eligibility?: readonly string[];
  communicationNeeds?: readonly CommunicationNeed[];
  /** A record that arrives closed (for example a person who has moved away). */
  closed?: { reason: string; on: string } | null;
}

/**
 * Adds many people in ONE transaction: all of them, or (on any problem) none. For demo data,
 * benchmarks and imports. The people must already be parsed by `newPersonSchema` (as the
 * dispatcher does for `people.create`); the columns are filled exactly as `createPerson` fills
 * them. An NHS number that appears twice, in the list or already in PlanWell, refuses the whole
 * import with CONFLICT, naming the number; so does an assigned worker who is not active staff, or
 * an eligibility group that is not in the list.
 *
 * `parts[i]`, when given, adds person i's eligibility, accessible-information needs and closure,
 * inserted in bulk in the same transaction. One audit row records the whole import.
 *
 * Returns how many people were added.
 */
export async function insertPeople(
  { db, user, clock }: SessionDependencies,
  people: readonly NewPerson[],
  parts: readonly (PersonRecordParts | undefined)[] = [],
  /** The one audit row's channel and words; a CSV import names its own channel. */
  audit: { channel: string; detail: string } | null = null,
): Promise<number> {
  if (people.length === 0) return 0;
  if (parts.length > people.length) throw new RangeError('There are more record parts than people');
  const timestamp = clock.now().toISOString();

  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.nhsNumber)) throw duplicate(person.nhsNumber, 'appears more than once in the import');
    seen.add(person.nhsNumber);
  }

  const rows: NewPersonRow[] = people.map((input, i) => {
    const row = newPersonRow(input, user.id, timestamp);
    const closed = parts[i]?.closed;
    // Every row names the same columns: in a multi-row INSERT a missing one would become NULL.
    return { ...row, status: closed ? 'closed' : 'active', closed_reason: closed?.reason ?? '', closed_on: closed?.on ?? '' };
  });
  const eligibilityRows: { person_id: string; group_code: string }[] = [];
  const needRows: { person_id: string; kind: string; need: string; detail: string }[] = [];
  parts.forEach((part, i) => {
    const personId = rows[i]!.id;
    for (const code of new Set(part?.eligibility ?? [])) eligibilityRows.push({ person_id: personId, group_code: code });
    for (const n of part?.communicationNeeds ?? []) needRows.push({ person_id: personId, kind: n.kind, need: n.need, detail: n.detail });
  });
  const workerIds = [...new Set(people.map((p) => p.assignedWorkerId).filter((id) => id !== null))];
  const groupCodes = [...new Set(eligibilityRows.map((r) => r.group_code))];

  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += numbersPerLookup) {
      const numbers = rows.slice(start, start + numbersPerLookup).map((row) => row.nhs_number);
      const existing = await trx.selectFrom('person').select('nhs_number').where('nhs_number', 'in', numbers).executeTakeFirst();
      if (existing) throw duplicate(existing.nhs_number, 'belongs to someone already in PlanWell');
    }
    if (workerIds.length > 0) {
      const active = await trx.selectFrom('staff_user').select('id').where('id', 'in', workerIds).where('active', '=', 1).execute();
      if (active.length !== workerIds.length) {
        throw new AppError('INVALID_INPUT', 'An assigned worker is not an active member of staff, so nobody was added.', [
          { path: 'assignedWorkerId', message: 'Choose an active member of staff' },
        ]);
      }
    }
    if (groupCodes.length > 0) {
      const known = await trx.selectFrom('eligibility_group').select('code').where('code', 'in', groupCodes).where('active', '=', 1).execute();
      if (known.length !== groupCodes.length) {
        throw new AppError('INVALID_INPUT', 'An eligibility group is not in the list, so nobody was added.', [
          { path: 'groups', message: 'Choose eligibility groups from the list' },
        ]);
      }
    }
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      await trx.insertInto('person').values(rows.slice(start, start + rowsPerStatement)).execute();
    }
    for (let start = 0; start < eligibilityRows.length; start += partRowsPerStatement) {
      await trx.insertInto('person_eligibility').values(eligibilityRows.slice(start, start + partRowsPerStatement)).execute();
    }
    for (let start = 0; start < needRows.length; start += partRowsPerStatement) {
      await trx.insertInto('communication_need').values(needRows.slice(start, start + partRowsPerStatement)).execute();
    }
    await recordAudit(trx, clock, {
      user, action: 'create', channel: audit?.channel ?? 'people.import', detail: audit?.detail ?? `Added ${rows.length} people in one import`,
    });
  });
  return rows.length;
}

function duplicate(nhsNumber: string, why: string) {
  return conflict(`NHS number ${formatNhsNumber(nhsNumber)} ${why}, so nobody was added.`, [
    { path: 'nhsNumber', message: `NHS number ${formatNhsNumber(nhsNumber)} ${why}` },
  ]);
}
