import type { z } from 'zod';
import { worklistSchema, type ReviewReason, type WorklistInput } from '../../../src-shared/contract';
import type { ReviewBucket } from '../../../src-shared/domain/review-due';

/**
 * Where the worklist is: its tab, filters, order and page, kept in the address (`/reviews?tab=…`)
 * so that back from a review returns to the same place. Anything unknown in the address is the
 * default; the contract's own schema says what is known.
 */
export interface WorklistPlace {
  bucket: ReviewBucket;
  /** 'me', 'nobody', a staff member's id, or '' for anyone. */
  worker: string;
  reason: ReviewReason | '';
  sort: z.output<typeof worklistSchema>['sort'];
  /** Counting from 0. */
  page: number;
}

export const worklistPageSize = 50;

export const defaultPlace: WorklistPlace = {
  bucket: 'overdue',
  worker: '',
  reason: '',
  sort: { column: 'dueOn', direction: 'ascending' },
  page: 0,
};

const { shape } = worklistSchema;

/** The columns the database can sort the worklist by, as the contract names them. */
export const worklistSortColumns: readonly string[] = shape.sort.unwrap().shape.column.options;

export function isWorklistSortColumn(id: string): id is WorklistPlace['sort']['column'] {
  return worklistSortColumns.includes(id);
}

export function placeFromSearch(search: string): WorklistPlace {
  const query = new URLSearchParams(search);
  const read = (name: string) => query.get(name) ?? undefined;
  const bucket = shape.bucket.safeParse(read('tab'));
  const worker = shape.assignedTo.safeParse(read('worker'));
  const reason = shape.reason.safeParse(read('reason'));
  const sort = shape.sort.safeParse({ column: read('sort'), direction: read('direction') });
  const page = Number.parseInt(read('page') ?? '', 10);
  return {
    bucket: bucket.success ? bucket.data : defaultPlace.bucket,
    worker: worker.success ? (worker.data ?? '') : '',
    reason: reason.success ? (reason.data ?? '') : '',
    sort: sort.success ? sort.data : defaultPlace.sort,
    page: Number.isSafeInteger(page) && page > 1 ? page - 1 : 0,
  };
}

/** The worklist's address for a place; only what differs from the default is written. */
export function worklistHref(place: WorklistPlace): string {
  const query = new URLSearchParams({ tab: place.bucket });
  if (place.worker) query.set('worker', place.worker);
  if (place.reason) query.set('reason', place.reason);
  if (place.sort.column !== defaultPlace.sort.column || place.sort.direction !== defaultPlace.sort.direction) {
    query.set('sort', place.sort.column);
    query.set('direction', place.sort.direction);
  }
  if (place.page > 0) query.set('page', String(place.page + 1));
  return `/reviews?${query.toString()}`;
}

export function worklistInput(place: WorklistPlace): WorklistInput {
  return {
    bucket: place.bucket,
    ...(place.worker ? { assignedTo: place.worker } : {}),
    ...(place.reason ? { reason: place.reason } : {}),
    sort: place.sort,
    limit: worklistPageSize,
    offset: place.page * worklistPageSize,
  };
}
