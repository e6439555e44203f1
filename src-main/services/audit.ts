import type { z } from 'zod';
import {
  auditExportLimit,
  type auditFilterSchema,
  type AuditAction,
  type AuditEvent,
  type AuditIntegrity,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../src-shared/contract';
import { recordAudit, verifyAuditTrail } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import { toCsv } from './csv';
import type { VaultDependencies as AuditDependencies } from './session-dependencies';

/** The filtered events, newest first; filtering, counting and paging happen in the database. */
function filteredEvents(db: AppDatabase, filter: z.output<typeof auditFilterSchema>) {
  // No joins here: the count needs none, and with them SQLite reads every matching row's table page.
  let query = db.selectFrom('audit_event');
  if (filter.personId) query = query.where('audit_event.person_id', '=', filter.personId);
  if (filter.nhsNumber) {
    const nhsNumber = filter.nhsNumber;
    query = query.where('audit_event.person_id', 'in', db.selectFrom('person').select('person.id').where('person.nhs_number', '=', nhsNumber));
  }
  if (filter.userId) query = query.where('audit_event.user_id', '=', filter.userId);
  if (filter.action) query = query.where('audit_event.action', '=', filter.action);
  // Times are stored as UTC ISO strings, which sort as text; the range includes the whole last day.
  if (filter.from) query = query.where('audit_event.at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where('audit_event.at', '<=', `${filter.to}T23:59:59.999Z`);
  return query;
}

function selectEvents(db: AppDatabase, filter: z.output<typeof auditFilterSchema>) {
  return filteredEvents(db, filter)
    .leftJoin('staff_user', 'staff_user.id', 'audit_event.user_id')
    .leftJoin('person', 'person.id', 'audit_event.person_id')
    .select([
      'audit_event.seq', 'audit_event.at', 'audit_event.user_id', 'audit_event.roles', 'audit_event.action',
      'audit_event.channel', 'audit_event.person_id', 'audit_event.outcome', 'audit_event.detail',
      'staff_user.full_name as user_name', 'person.given_name', 'person.family_name',
    ])
    .orderBy('audit_event.seq', 'desc');
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

function toEvent(row: EventRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    roles: row.roles,
    action: row.action as AuditAction,
    channel: row.channel,
    personId: row.person_id,
    personName: row.given_name && row.family_name ? `${row.given_name} ${row.family_name}` : null,
    outcome: row.outcome === 'failure' ? 'failure' : 'success',
    detail: row.detail,
  };
}

export async function listAuditEvents({ db }: AuditDependencies, input: ChannelParsedInput<'audit.list'>): Promise<ChannelOutput<'audit.list'>> {
  const [rows, count] = await Promise.all([
    selectEvents(db, input.filter).limit(input.limit).offset(input.offset).execute(),
    filteredEvents(db, input.filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { events: rows.map(toEvent), total: Number(count.total) };
}

export async function verifyAudit({ db, clock, user, vault, session }: AuditDependencies): Promise<AuditIntegrity> {
  vault.syncAuditHead();
  const result = verifyAuditTrail(session.database.sqlite, vault.paths.auditHead, session.auditHeadKey);
  await recordAudit(db, clock, {
    user, action: 'audit-check', channel: 'audit.verify', outcome: result.intact ? 'success' : 'failure',
    detail: result.intact ? `Intact: ${result.events} events` : `Broken at event ${result.firstBrokenSeq}: ${result.reason}`,
  });
  return result;
}

export async function exportAuditCsv(
  { db, clock, user }: AuditDependencies,
  input: ChannelParsedInput<'audit.exportCsv'>,
): Promise<ChannelOutput<'audit.exportCsv'>> {
  const rows = await selectEvents(db, input.filter).limit(auditExportLimit + 1).execute();
  const truncated = rows.length > auditExportLimit;
  const events = rows.slice(0, auditExportLimit).map(toEvent);
  const csv = toCsv(
    ['Sequence', 'Time (UTC)', 'User', 'Roles', 'Action', 'Channel', 'Person', 'Outcome', 'Detail'],
    events.map((e) => [e.seq, e.at, e.userName ?? '', e.roles, e.action, e.channel ?? '', e.personName ?? '', e.outcome, e.detail]),
  );
  await recordAudit(db, clock, {
    user, action: 'export', channel: 'audit.exportCsv',
    detail: `Exported ${events.length} audit events as CSV${truncated ? ' (limit reached)' : ''}`,
  });
  const date = clock.now().toISOString().slice(0, 10);
  return { csv, fileName: `PlanWell audit ${date}.csv`, rows: events.length, truncated };
}
