import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import Papa from 'papaparse';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  directoryEntrySchema,
  directoryStaleMonths,
  notCsvTextMessage,
  type AccessibilityFeature,
  type ChannelOutput,
  type ChannelParsedInput,
  type DirectoryEntry,
  type DirectoryEntryInput,
  type DirectoryImportReport,
} from '../../src-shared/contract';
import { addMonths } from '../../src-shared/domain/calendar';
import { foldForSearch } from '../../src-shared/domain/search-text';
import { looksBinary } from '../../src-shared/domain/text-file';
import { isoDateInLondon } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { Clock } from '../clock';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { toCsv } from './csv';
import { isoDateFromCsv } from './people-csv-import';
import type { SessionDependencies } from './session-dependencies';

/**
 * The directory of local support a link worker connects people to. Entries are searched by words,
 * category, area and accessibility; an entry not checked for six months is flagged, because a
 * group that has closed is worse than none. The whole directory goes in and out as CSV.
 */

/** Entries last checked before this date are stale. */
function staleBefore(clock: Clock): string {
  return addMonths(isoDateInLondon(clock.now()), -directoryStaleMonths);
}

function searchTextOf(entry: Pick<DirectoryEntryInput, 'name' | 'description' | 'area' | 'address'>): string {
  return foldForSearch([entry.name, entry.description, entry.area, entry.address].join(' '));
}

function selectEntries(db: AppDatabase) {
  return db
    .selectFrom('directory_entry')
    .innerJoin('directory_category', 'directory_category.key', 'directory_entry.category_key')
    .selectAll('directory_entry')
    .select([
      'directory_category.label as category_label',
      (eb) => eb.selectFrom('community_connection').select((c) => c.fn.countAll<number>().as('n')).whereRef('community_connection.entry_id', '=', 'directory_entry.id').as('connection_count'),
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['execute']>>[number];

function toEntry(row: EntryRow, staleDate: string): DirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    category: row.category_key,
    categoryLabel: row.category_label,
    description: row.description,
    address: row.address,
    area: row.area,
    contact: row.contact,
    cost: row.cost,
    whenItRuns: row.when_it_runs,
    accessibility: JSON.parse(row.accessibility_json) as AccessibilityFeature[],
    referralRoute: row.referral_route,
    lastCheckedOn: row.last_checked_on,
    active: row.active === 1,
    stale: row.last_checked_on < staleDate,
    connectionCount: Number(row.connection_count ?? 0),
    rowVersion: row.row_version,
  };
}

export async function loadEntry(db: AppDatabase, clock: Clock, entryId: string): Promise<DirectoryEntry> {
  const row = await selectEntries(db).where('directory_entry.id', '=', entryId).executeTakeFirst();
  if (!row) throw notFound('That directory entry is not in PlanWell.');
  return toEntry(row, staleBefore(clock));
}

/** LIKE treats % and _ as wildcards; a search for them must find them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchDirectory({ db, clock }: SessionDependencies, input: ChannelParsedInput<'directory.search'>): Promise<ChannelOutput<'directory.search'>> {
  const staleDate = staleBefore(clock);
  let query = selectEntries(db);
  if (!input.includeInactive) query = query.where('directory_entry.active', '=', 1);
  // Category names and areas are few: they are folded here, as search_text is, and matched by key or value.
  const categories = await db.selectFrom('directory_category').select(['key', 'label']).execute();
  for (const word of foldForSearch(input.words).split(' ').filter(Boolean)) {
    const inCategory = categories.filter((c) => foldForSearch(c.label).includes(word)).map((c) => c.key);
    const inText = sql<SqlBool>`directory_entry.search_text LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`;
    query = query.where(inCategory.length > 0 ? sql<SqlBool>`(${inText} OR directory_entry.category_key IN (${sql.join(inCategory)}))` : inText);
  }
  if (input.category) query = query.where('directory_entry.category_key', '=', input.category);
  if (input.area) {
    const wanted = foldForSearch(input.area);
    const areas = await db.selectFrom('directory_entry').select('area').distinct().execute();
    const matching = areas.map((a) => a.area).filter((area) => foldForSearch(area).includes(wanted));
    query = matching.length > 0 ? query.where('directory_entry.area', 'in', matching) : query.where(sql<SqlBool>`0`);
  }
  for (const feature of input.accessibility) {
    query = query.where(sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(directory_entry.accessibility_json) WHERE value = ${feature})`);
  }
  if (input.staleOnly) query = query.where('directory_entry.last_checked_on', '<', staleDate);
  const [rows, total, stale] = await Promise.all([
    query.orderBy('directory_entry.name').orderBy('directory_entry.id').limit(input.limit).offset(input.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('directory_entry').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).where('last_checked_on', '<', staleDate).executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map((r) => toEntry(r, staleDate)), total: Number(total.n), staleCount: Number(stale.n) };
}

export function getEntry({ db, clock }: SessionDependencies, input: ChannelParsedInput<'directory.get'>): Promise<DirectoryEntry> {
  return loadEntry(db, clock, input.entryId);
}

async function requireCategory(db: AppDatabase, key: string, path = 'category'): Promise<void> {
  const found = await db.selectFrom('directory_category').select('key').where('key', '=', key).executeTakeFirst();
  if (!found) throw new AppError('INVALID_INPUT', 'Choose a category from the list.', [{ path, message: 'Choose a category from the list' }]);
}

type ParsedEntry = ReturnType<typeof directoryEntrySchema.parse>;

function entryColumns(entry: ParsedEntry) {
  return {
    name: entry.name, category_key: entry.category, description: entry.description, address: entry.address, area: entry.area,
    contact: entry.contact, cost: entry.cost, when_it_runs: entry.whenItRuns, accessibility_json: JSON.stringify([...new Set(entry.accessibility)]),
    referral_route: entry.referralRoute, last_checked_on: entry.lastCheckedOn, search_text: searchTextOf(entry),
  };
}

async function insertEntry(db: AppDatabase, clock: Clock, userId: string, entry: ParsedEntry, active: boolean, id = randomUUID()): Promise<string> {
  const timestamp = clock.now().toISOString();
  await db.insertInto('directory_entry').values({ id, ...entryColumns(entry), active: active ? 1 : 0, created_at: timestamp, created_by: userId, updated_at: timestamp, updated_by: userId }).execute();
  return id;
}

export async function saveEntry({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'directory.save'>): Promise<DirectoryEntry> {
  const id = await db.transaction().execute(async (trx) => {
    await requireCategory(trx, input.entry.category);
    if (!input.entryId) {
      const added = await insertEntry(trx, clock, user.id, input.entry, input.active);
      await recordAudit(trx, clock, { user, action: 'create', channel: 'directory.save', detail: `Added "${input.entry.name}" to the directory` });
      return added;
    }
    const existing = await trx.selectFrom('directory_entry').select(['row_version']).where('id', '=', input.entryId).executeTakeFirst();
    if (!existing) throw notFound('That directory entry is not in PlanWell.');
    if (input.rowVersion !== existing.row_version) throw conflict('Someone else has changed this entry. Open it again to see their changes.');
    await trx
      .updateTable('directory_entry')
      .set({ ...entryColumns(input.entry), active: input.active ? 1 : 0, updated_at: clock.now().toISOString(), updated_by: user.id, row_version: sql`row_version + 1` })
      .where('id', '=', input.entryId)
      .execute();
    await recordAudit(trx, clock, { user, action: 'update', channel: 'directory.save', detail: `Changed "${input.entry.name}" in the directory${input.active ? '' : ' (no longer offered)'}` });
    return input.entryId;
  });
  return loadEntry(db, clock, id);
}

/** The CSV's columns, in order; an import reads them by these names (any case). */
const csvColumns = ['ID', 'Name', 'Category', 'Description', 'Address', 'Area', 'How to get in touch', 'Cost', 'When it runs', 'Accessibility', 'How to refer', 'Last checked', 'Offered'] as const;
type CsvColumn = (typeof csvColumns)[number];

export async function exportDirectoryCsv({ db, user, clock }: SessionDependencies): Promise<ChannelOutput<'directory.exportCsv'>> {
  const rows = await selectEntries(db).orderBy('directory_entry.name').orderBy('directory_entry.id').execute();
  const staleDate = staleBefore(clock);
  const entries = rows.map((r) => toEntry(r, staleDate));
  const csv = toCsv([...csvColumns], entries.map((e) => [
    e.id, e.name, e.categoryLabel, e.description, e.address, e.area, e.contact, e.cost, e.whenItRuns,
    e.accessibility.map((f) => accessibilityFeatureLabels[f]).join('; '), e.referralRoute, e.lastCheckedOn, e.active ? 'Yes' : 'No',
  ]));
  await recordAudit(db, clock, { user, action: 'export', channel: 'directory.exportCsv', detail: `Exported the directory (${entries.length} entries) as CSV` });
  return { csv, fileName: `PlanWell directory ${isoDateInLondon(clock.now())}.csv`, rows: entries.length };
}

const importedProblemLimit = 200;

/**
 * Reads a directory CSV (the export's columns; an ID updates that entry, no ID adds one) and
 * checks every row with the form's own schema. Nothing is written unless asked to and every row
 * is right: the file goes in whole or not at all.
 */
export async function importDirectoryCsv({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'directory.importCsv'>): Promise<DirectoryImportReport> {
  const text = input.csv.replace(/^\uFEFF/, '');
  if (looksBinary(text)) throw new AppError('INVALID_INPUT', notCsvTextMessage, [{ path: 'csv', message: notCsvTextMessage }]);
  // Each row keeps the line of the file it starts on: blank lines and line breaks inside quoted
  // cells (which the export writes) must not shift the lines problems are reported on.
  const rows: { line: number; cells: string[] }[] = [];
  let rowStart = 0;
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      for (; counted < rowStart; counted++) if (text.charCodeAt(counted) === 10) line++;
      rowStart = result.meta.cursor;
      // Empty lines, and lines of empty values (",,," as spreadsheets save them), are skipped.
      if (result.data.some((cell) => cell.trim() !== '')) rows.push({ line, cells: result.data });
    },
  });
  const [headerRow, ...dataRows] = rows;
  const header = headerRow?.cells;
  if (!header) throw new AppError('INVALID_INPUT', 'The file is empty.', [{ path: 'csv', message: 'The file is empty' }]);
  const columnIndex = new Map<CsvColumn, number>();
  for (const column of csvColumns) {
    const index = header.findIndex((h) => h.trim().toLowerCase() === column.toLowerCase());
    if (index >= 0) columnIndex.set(column, index);
  }
  const missing = (['Name', 'Category', 'Last checked'] as const).filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    const message = `The file has no ${missing.map((c) => `"${c}"`).join(', ')} column. Use the columns of a directory export.`;
    throw new AppError('INVALID_INPUT', message, [{ path: 'csv', message }]);
  }
  const categories = await db.selectFrom('directory_category').select(['key', 'label']).execute();
  const categoryKey = new Map(categories.flatMap((c) => [[c.key.toLowerCase(), c.key], [c.label.toLowerCase(), c.key]] as const));
  const featureKey = new Map(accessibilityFeatures.flatMap((f) => [[f, f], [accessibilityFeatureLabels[f].toLowerCase(), f]] as const));
  const existingIds = new Set((await db.selectFrom('directory_entry').select('id').execute()).map((r) => r.id));

  const problems: DirectoryImportReport['problems'] = [];
  const planned: { id: string | null; entry: ParsedEntry; active: boolean }[] = [];
  const seenIds = new Set<string>();
  for (const { line, cells } of dataRows) {
    const cell = (column: CsvColumn) => {
      const at = columnIndex.get(column);
      // The export puts ' before a cell a spreadsheet would take for a formula: taken off again here.
      return at === undefined ? '' : (cells[at] ?? '').trim().replace(/^'(?=[=+\-@\t\r])/, '');
    };
    const rowProblems: string[] = [];
    const category = categoryKey.get(cell('Category').toLowerCase());
    if (!category) rowProblems.push(`"${cell('Category')}" is not a directory category`);
    const features = cell('Accessibility').split(/[;,]/).map((f) => f.trim().toLowerCase()).filter(Boolean);
    const unknownFeatures = features.filter((f) => !featureKey.has(f));
    if (unknownFeatures.length > 0) rowProblems.push(`Accessibility not recognised: ${unknownFeatures.join(', ')}`);
    const id = cell('ID') || null;
    if (id !== null) {
      if (!existingIds.has(id)) rowProblems.push('The ID is not an entry in this directory (leave it empty to add a new entry)');
      else if (seenIds.has(id)) rowProblems.push('The ID appears on an earlier line too');
      seenIds.add(id);
    }
    const offered = cell('Offered').toLowerCase();
    if (offered !== '' && offered !== 'yes' && offered !== 'no') rowProblems.push('"Offered" must be Yes or No');
    const result = directoryEntrySchema.safeParse({
      name: cell('Name'), category: category ?? 'other', description: cell('Description'), address: cell('Address'), area: cell('Area'),
      contact: cell('How to get in touch'), cost: cell('Cost'), whenItRuns: cell('When it runs'),
      accessibility: features.flatMap((f) => featureKey.get(f) ?? []), referralRoute: cell('How to refer'), lastCheckedOn: isoDateFromCsv(cell('Last checked')),
    });
    if (!result.success) rowProblems.push(...result.error.issues.map((issue) => issue.message));
    if (rowProblems.length > 0) {
      if (problems.length < importedProblemLimit) problems.push(...rowProblems.map((message) => ({ line, message })));
      continue;
    }
    if (result.success) planned.push({ id, entry: result.data, active: offered !== 'no' });
  }
  const added = planned.filter((p) => p.id === null).length;
  const report: DirectoryImportReport = { rows: dataRows.length, added, updated: planned.length - added, problems, committed: false };
  if (!input.commit || problems.length > 0 || planned.length === 0) return report;

  await db.transaction().execute(async (trx) => {
    const timestamp = clock.now().toISOString();
    for (const { id, entry, active } of planned) {
      if (id === null) await insertEntry(trx, clock, user.id, entry, active);
      else {
        await trx.updateTable('directory_entry')
          .set({ ...entryColumns(entry), active: active ? 1 : 0, updated_at: timestamp, updated_by: user.id, row_version: sql`row_version + 1` })
          .where('id', '=', id).execute();
      }
    }
    await recordAudit(trx, clock, { user, action: 'create', channel: 'directory.importCsv', detail: `Imported the directory from CSV: ${report.added} added, ${report.updated} updated` });
  });
  return { ...report, committed: true };
}
