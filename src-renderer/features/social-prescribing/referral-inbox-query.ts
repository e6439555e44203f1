import type { z } from 'zod';
import { referralInboxSchema, type ReferralInboxInput, type ReferralStatus } from '../../../src-shared/contract';

/**
 * Where the referral inbox is: its status tab, whose referrals, order and page, kept in the
 * address (`/referrals?status=…`) so that back from a referral returns to the same place. Anything
 * unknown in the address is the default; the contract's own schema says what is known.
 */
export interface InboxPlace {
  /** '' for every status. */
  status: ReferralStatus | '';
  /** 'me' (my caseload), 'nobody' (not assigned) or '' for everyone. */
  whose: 'me' | 'nobody' | '';
  sort: z.output<typeof referralInboxSchema>['sort'];
  /** Counting from 0. */
  page: number;
}

export const inboxPageSize = 50;

const defaultSort: InboxPlace['sort'] = { column: 'referredOn', direction: 'ascending' };

const { shape } = referralInboxSchema;

/** The columns the database can sort the inbox by, as the contract names them. */
const inboxSortColumns: readonly string[] = shape.sort.unwrap().shape.column.options;

export function isInboxSortColumn(id: string): id is InboxPlace['sort']['column'] {
  return inboxSortColumns.includes(id);
}

export function inboxPlaceFromSearch(search: string): InboxPlace {
  const query = new URLSearchParams(search);
  const read = (name: string) => query.get(name) ?? undefined;
  const status = shape.status.safeParse(read('status'));
  const whose = read('whose');
  const sort = shape.sort.safeParse({ column: read('sort'), direction: read('direction') });
  const page = Number.parseInt(read('page') ?? '', 10);
  return {
    status: status.success ? (status.data ?? '') : '',
    whose: whose === 'me' || whose === 'nobody' ? whose : '',
    sort: sort.success ? sort.data : defaultSort,
    page: Number.isSafeInteger(page) && page > 1 ? page - 1 : 0,
  };
}

/** The inbox's address for a place; only what differs from the default is written. */
export function inboxHref(place: InboxPlace): string {
  const query = new URLSearchParams();
  if (place.status) query.set('status', place.status);
  if (place.whose) query.set('whose', place.whose);
  if (place.sort.column !== defaultSort.column || place.sort.direction !== defaultSort.direction) {
    query.set('sort', place.sort.column);
    query.set('direction', place.sort.direction);
  }
  if (place.page > 0) query.set('page', String(place.page + 1));
  // Always a query, even an empty one, so nothing from the screen before is kept.
  return `/referrals?${query.toString()}`;
}

export function inboxInput(place: InboxPlace): ReferralInboxInput {
  return {
    ...(place.status ? { status: place.status } : {}),
    ...(place.whose ? { assignedTo: place.whose } : {}),
    sort: place.sort,
    limit: inboxPageSize,
    offset: place.page * inboxPageSize,
  };
}
