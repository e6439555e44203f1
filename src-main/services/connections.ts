import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  connectionKindLabels,
  connectionOutcomeLabels,
  type ChannelParsedInput,
  type Connection,
  type ConnectionKind,
  type ConnectionOutcome,
  type CommunitySupport,
} from '../../src-shared/contract';
import { referralIsOpen } from '../../src-shared/domain/referral-status';
import { formatDate } from '../../src-shared/format';
import { recordAudit } from '../audit/trail';
import type { AppDatabase } from '../db/database';
import { AppError, conflict, notFound } from '../ipc/errors';
import { loadPerson } from './people';
import { loadReferral } from './referrals';
import type { SessionDependencies } from './session-dependencies';

/**
 * Connections: a person signposted or referred to an entry in the directory, and what came of it.
 * They appear in the support section of the person's plan.
 */

function selectConnections(db: AppDatabase) {
  return db
    .selectFrom('community_connection')
    .innerJoin('directory_entry', 'directory_entry.id', 'community_connection.entry_id')
    .innerJoin('directory_category', 'directory_category.key', 'directory_entry.category_key')
    .leftJoin('staff_user', 'staff_user.id', 'community_connection.created_by')
    .selectAll('community_connection')
    .select(['directory_entry.name as entry_name', 'directory_entry.contact as entry_contact', 'directory_entry.when_it_runs as entry_when', 'directory_category.label as category_label', 'staff_user.full_name'])
    .orderBy('community_connection.connected_on')
    .orderBy('community_connection.created_at');
}

type ConnectionRow = Awaited<ReturnType<ReturnType<typeof selectConnections>['execute']>>[number];

function toConnection(r: ConnectionRow): Connection {
  return {
    id: r.id, referralId: r.referral_id, personId: r.person_id, entryId: r.entry_id, entryName: r.entry_name, categoryLabel: r.category_label,
    kind: r.kind as ConnectionKind, connectedOn: r.connected_on, note: r.note, outcome: r.outcome as ConnectionOutcome, outcomeOn: r.outcome_on,
    recordedByName: r.full_name, rowVersion: r.row_version,
  };
}

async function loadConnection(db: AppDatabase, id: string): Promise<Connection> {
  const row = await selectConnections(db).where('community_connection.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That connection is not in PlanWell.');
  return toConnection(row);
}

export async function connectionsOfReferral(db: AppDatabase, referralId: string): Promise<Connection[]> {
  return (await selectConnections(db).where('community_connection.referral_id', '=', referralId).execute()).map(toConnection);
}

export async function createConnection({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'connections.create'>): Promise<Connection> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const referral = await loadReferral(trx, input.referralId);
    if (!referralIsOpen(referral.status)) throw conflict('This referral is finished: open a new referral to connect them to more support.');
    if (input.connectedOn < referral.referredOn) {
      throw new AppError('INVALID_INPUT', `The connection must be on or after the referral date, ${formatDate(referral.referredOn)}.`, [{ path: 'connectedOn', message: `The date must be on or after ${formatDate(referral.referredOn)}` }]);
    }
    const entry = await trx.selectFrom('directory_entry').select(['name', 'active']).where('id', '=', input.entryId).executeTakeFirst();
    if (!entry) throw notFound('That directory entry is not in PlanWell.');
    if (entry.active !== 1) throw conflict(`"${entry.name}" is no longer offered. Choose another entry.`, [{ path: 'entryId', message: 'Choose an entry that is still offered' }]);
    const timestamp = clock.now().toISOString();
    await trx
      .insertInto('community_connection')
      .values({
        id, referral_id: referral.id, person_id: referral.personId, entry_id: input.entryId, kind: input.kind, connected_on: input.connectedOn,
        note: input.note, created_at: timestamp, created_by: user.id, updated_at: timestamp,
      })
      .execute();
    await recordAudit(trx, clock, {
      user, action: 'create', channel: 'connections.create', personId: referral.personId,
      detail: `${connectionKindLabels[input.kind].split(' (')[0] ?? ''} to "${entry.name}", ${formatDate(input.connectedOn)}`,
    });
  });
  return loadConnection(db, id);
}

export async function setConnectionOutcome({ db, user, clock }: SessionDependencies, input: ChannelParsedInput<'connections.setOutcome'>): Promise<Connection> {
  await db.transaction().execute(async (trx) => {
    const connection = await loadConnection(trx, input.connectionId);
    if (connection.rowVersion !== input.rowVersion) throw conflict('Someone else has changed this connection. Open it again to see their changes.');
    if (input.outcomeOn < connection.connectedOn) {
      throw new AppError('INVALID_INPUT', `The outcome must be on or after the connection, ${formatDate(connection.connectedOn)}.`, [{ path: 'outcomeOn', message: `The date must be on or after ${formatDate(connection.connectedOn)}` }]);
    }
    await trx
      .updateTable('community_connection')
      .set({ outcome: input.outcome, outcome_on: input.outcome === 'not-known-yet' ? null : input.outcomeOn, updated_at: clock.now().toISOString(), row_version: sql`row_version + 1` })
      .where('id', '=', input.connectionId)
      .execute();
    await recordAudit(trx, clock, {
      user, action: 'update', channel: 'connections.setOutcome', personId: connection.personId,
      detail: `"${connection.entryName}": ${connectionOutcomeLabels[input.outcome].toLowerCase()}`,
    });
  });
  return loadConnection(db, input.connectionId);
}

export async function connectionsForPerson({ db }: SessionDependencies, input: ChannelParsedInput<'connections.forPerson'>): Promise<Connection[]> {
  await loadPerson(db, input.personId);
  return (await selectConnections(db).where('community_connection.person_id', '=', input.personId).execute()).map(toConnection);
}

/**
 * The community support a plan shows: connections made on or before `onOrBefore` (an agreed
 * version's date; a draft shows them all), leaving out those the person did not attend.
 */
export async function communitySupportFor(db: AppDatabase, personId: string, onOrBefore?: string): Promise<CommunitySupport[]> {
  let query = selectConnections(db).where('community_connection.person_id', '=', personId).where('community_connection.outcome', '!=', 'did-not-attend');
  if (onOrBefore) query = query.where('community_connection.connected_on', '<=', onOrBefore);
  const rows = await query.execute();
  return rows.map((r) => ({
    name: r.entry_name, category: r.category_label, kind: r.kind as ConnectionKind, connectedOn: r.connected_on,
    outcome: r.outcome as ConnectionOutcome, contact: r.entry_contact, whenItRuns: r.entry_when,
  }));
}
