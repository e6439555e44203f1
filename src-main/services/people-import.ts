import type { NewPerson } from '../../src-shared/contract';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { conflict } from '../ipc/errors';
import { recordAudit } from '../audit/trail';
import { newPersonRow } from './people';
import type { SessionDependencies } from './session-dependencies';

/**
 * Rows per INSERT statement: 10 columns each keeps a statement at 4,000 bound values, well under
 * SQLite's limit (32,766), while a statement's fixed costs are shared by many rows.
 */
const rowsPerStatement = 400;
/** NHS numbers per existence check. */
const numbersPerLookup = 900;

/**
 * Adds many people in ONE transaction: all of them, or (on any problem) none. For demo data,
 * benchmarks and imports. The people must already be parsed by `newPersonSchema` (as the
 * dispatcher does for `people.create`); the columns are filled exactly as `createPerson` fills
 * them. An NHS number that appears twice, in the list or already in PlanWell, refuses the whole
 * import with CONFLICT, naming the number.
 *
 * Returns how many people were added.
 */
export async function insertPeople({ db, user, clock }: SessionDependencies, people: readonly NewPerson[]): Promise<number> {
  if (people.length === 0) return 0;
  const timestamp = clock.now().toISOString();

  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.nhsNumber)) throw duplicate(person.nhsNumber, 'appears more than once in the import');
    seen.add(person.nhsNumber);
  }

  const rows = people.map((input) => newPersonRow(input, user.id, timestamp));

  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += numbersPerLookup) {
      const numbers = rows.slice(start, start + numbersPerLookup).map((row) => row.nhs_number);
      const existing = await trx.selectFrom('person').select('nhs_number').where('nhs_number', 'in', numbers).executeTakeFirst();
      if (existing) throw duplicate(existing.nhs_number, 'belongs to someone already in PlanWell');
    }
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      await trx.insertInto('person').values(rows.slice(start, start + rowsPerStatement)).execute();
    }
    await recordAudit(trx, clock, { user, action: 'create', channel: 'people.import', detail: `Added ${rows.length} people in one import` });
  });
  return rows.length;
}

function duplicate(nhsNumber: string, why: string) {
  return conflict(`NHS number ${formatNhsNumber(nhsNumber)} ${why}, so nobody was added.`, [
    { path: 'nhsNumber', message: `NHS number ${formatNhsNumber(nhsNumber)} ${why}` },
  ]);
}
