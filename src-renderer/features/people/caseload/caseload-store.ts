import { useSyncExternalStore } from 'react';
import type { CaseloadSortColumn, PersonStatus, PersonSummary, SearchPeopleInput } from '../../../../src-shared/contract';
import { invoke } from '../../../api/client';
import type { ScrollPlace } from '../../../components/VirtualDataTable';

/**
 * The caseload's state, kept outside the screen so that opening a person and coming back finds
 * the list as it was: the same search, filters, order, scroll place and loaded rows (refreshed
 * quietly on return). Rows arrive in pages from people.search as they scroll into view; every
 * request is tagged with the search it belongs to, and answers for any other search are dropped.
 * It belongs to one signed-in user: another user starts afresh.
 */

export const caseloadPageSize = 100;
/** Typing waits this long for a pause before searching. */
const typingPause = 150;

export type StatusFilter = PersonStatus | 'any';

export interface CaseloadFilters {
  /** As typed. */
  query: string;
  /** Only the people assigned to the signed-in user. */
  mine: boolean;
  /** An eligibility group's code, or '' for any. */
  eligibility: string;
  status: StatusFilter;
  /** Only people with accessible-information needs recorded. */
  communicationNeeds: boolean;
  sort: { column: CaseloadSortColumn; direction: 'ascending' | 'descending' };
}

export const defaultFilters: CaseloadFilters = {
  query: '',
  mine: false,
  eligibility: '',
  status: 'active',
  communicationNeeds: false,
  sort: { column: 'name', direction: 'ascending' },
};

/** One search's answers: its total and the pages that have arrived. */
interface ResultSet {
  /** The search, with a generation number: a fresh search (or a refresh) is a new key. */
  key: string;
  filters: CaseloadFilters;
  total: number;
  pages: ReadonlyMap<number, readonly PersonSummary[]>;
}

export interface CaseloadState {
  userId: string | null;
  filters: CaseloadFilters;
  /** What the table shows; kept until the next search's first answer, so the list never blinks. */
  results: ResultSet | null;
  /** The search being asked for, when its first answer has not arrived yet. */
  pending: { key: string; filters: CaseloadFilters } | null;
  error: string | null;
  /** Where the list was scrolled to when the screen was left. */
  place: ScrollPlace | null;
  /** Bumped when a new search should start at the top of the list. */
  scrollResets: number;
  /** The person last opened from the list, to put focus back on them on return. */
  lastOpenedId: string | null;
}

const initialState: CaseloadState = {
  userId: null,
  filters: defaultFilters,
  results: null,
  pending: null,
  error: null,
  place: null,
  scrollResets: 0,
  lastOpenedId: null,
};

let state: CaseloadState = initialState;
const listeners = new Set<() => void>();
let generation = 0;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
/** Pages asked for, by result key, so each page is asked for once. */
const requested = new Map<string, Set<number>>();
let visible: { first: number; last: number } = { first: 0, last: 0 };

function update(change: Partial<CaseloadState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCaseloadState(): CaseloadState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The input people.search is asked with for these filters. */
export function searchInput(filters: CaseloadFilters, page: number): SearchPeopleInput {
  return {
    query: filters.query.trim(),
    ...(filters.mine ? { assignedTo: 'me' as const } : {}),
    ...(filters.eligibility ? { eligibility: filters.eligibility } : {}),
    status: filters.status,
    ...(filters.communicationNeeds ? { hasCommunicationNeeds: true } : {}),
    sort: filters.sort,
    limit: caseloadPageSize,
    offset: page * caseloadPageSize,
  };
}

/**
 * Makes the store the signed-in user's. Called when the screen opens: for the same user it
 * refreshes what is shown (someone may have changed a record meanwhile); for anyone else it
 * forgets everything first.
 */
export function openCaseload(userId: string): void {
  if (state.userId !== userId) {
    clearTimeout(typingTimer);
    requested.clear();
    state = { ...initialState, userId };
  }
  search(state.filters, false);
}

/** Forgets the list (for example at log-out), so no one's details stay in memory. */
export function forgetCaseload(): void {
  clearTimeout(typingTimer);
  requested.clear();
  update(initialState);
}

export function setFilters(change: Partial<CaseloadFilters>): void {
  const filters = { ...state.filters, ...change };
  update({ filters });
  clearTimeout(typingTimer);
  const onlyTyping = Object.keys(change).every((name) => name === 'query');
  if (onlyTyping) typingTimer = setTimeout(() => search(state.filters, true), typingPause);
  else search(filters, true);
}

export function clearFilters(): void {
  setFilters({ ...defaultFilters, sort: state.filters.sort });
}

export function rememberPlace(place: ScrollPlace): void {
  // Not through update(): it is read when the screen opens again, and nothing draws from it now.
  state = { ...state, place };
}

export function rememberOpened(personId: string): void {
  state = { ...state, lastOpenedId: personId };
}

export function forgetOpened(): void {
  update({ lastOpenedId: null });
}

/** Starts a search (a new key); the rows shown stay until its first answer arrives. */
function search(filters: CaseloadFilters, fromTheTop: boolean): void {
  generation += 1;
  const key = `${generation}:${JSON.stringify(filters)}`;
  for (const old of requested.keys()) if (old !== state.results?.key) requested.delete(old);
  update({
    pending: { key, filters },
    error: null,
    ...(fromTheTop ? { place: null, scrollResets: state.scrollResets + 1 } : {}),
  });
  const first = fromTheTop ? 0 : visible.first;
  const last = fromTheTop ? Math.max(0, visible.last - visible.first) : visible.last;
  loadRange(first, last);
}

/** The table says which rows are in view; their pages are asked for if they are not here yet. */
export function showRows(first: number, last: number): void {
  visible = { first, last };
  loadRange(first, last);
}

function loadRange(first: number, last: number): void {
  const target = state.pending ?? state.results;
  if (!target) return;
  const firstPage = Math.floor(first / caseloadPageSize);
  const lastPage = Math.max(firstPage, Math.floor(last / caseloadPageSize));
  for (let page = firstPage; page <= lastPage; page++) {
    if (state.pending === null && state.results && page * caseloadPageSize >= state.results.total && page > 0) break;
    if (target === state.results && state.results.pages.has(page)) continue;
    const asked = requested.get(target.key) ?? new Set<number>();
    if (asked.has(page)) continue;
    asked.add(page);
    requested.set(target.key, asked);
    void loadPage(target.key, target.filters, page);
  }
}

async function loadPage(key: string, filters: CaseloadFilters, page: number): Promise<void> {
  const result = await invoke('people.search', searchInput(filters, page));
  const isPending = state.pending?.key === key;
  const isShown = state.results?.key === key;
  if (!isPending && !isShown) return; // An answer to an earlier search: dropped.
  if (!result.ok) {
    requested.get(key)?.delete(page);
    update({ error: result.error.message });
    return;
  }
  const { people, total } = result.value;
  if (isPending) {
    requested.forEach((_, old) => old !== key && requested.delete(old));
    update({ results: { key, filters, total, pages: new Map([[page, people]]) }, pending: null, error: null });
    // Pages asked for before this first answer came are still on their way; the rest are asked for now.
    loadRange(visible.first, visible.last);
  } else if (state.results) {
    const pages = new Map(state.results.pages);
    pages.set(page, people);
    update({ results: { ...state.results, total, pages }, error: null });
  }
}

/** The person at a row of the list shown, if their page has arrived. */
export function personAt(results: ResultSet | null, index: number): PersonSummary | undefined {
  return results?.pages.get(Math.floor(index / caseloadPageSize))?.[index % caseloadPageSize];
}

/** Whether anything narrows the list beyond the usual (open records, any worker, any group). */
export function filtersNarrow(filters: CaseloadFilters): boolean {
  return filters.mine || filters.eligibility !== '' || filters.status !== 'active' || filters.communicationNeeds;
}
