import { accessibilityFeatures, directorySearchSchema, type AccessibilityFeature, type DirectorySearchInput } from '../../../src-shared/contract';

/**
 * Where the directory is: its search, filters and page, kept in the address (`/directory?words=…`)
 * so that back from an entry returns to the same results. Anything unknown in the address is the
 * default; the contract's own schema says what is known.
 */
export interface DirectoryPlace {
  words: string;
  /** A category's key, or '' for any. */
  category: string;
  area: string;
  accessibility: AccessibilityFeature[];
  staleOnly: boolean;
  includeInactive: boolean;
  /** Counting from 0. */
  page: number;
}

export const directoryPageSize = 50;

export const emptyPlace: DirectoryPlace = { words: '', category: '', area: '', accessibility: [], staleOnly: false, includeInactive: false, page: 0 };

const { shape } = directorySearchSchema;

function isFeature(value: string): value is AccessibilityFeature {
  return (accessibilityFeatures as readonly string[]).includes(value);
}

export function placeFromSearch(search: string): DirectoryPlace {
  const query = new URLSearchParams(search);
  const read = (name: string) => query.get(name) ?? undefined;
  const words = shape.words.safeParse(read('words'));
  const category = shape.category.safeParse(read('category'));
  const area = shape.area.safeParse(read('area'));
  const page = Number.parseInt(read('page') ?? '', 10);
  return {
    words: words.success ? words.data : '',
    category: category.success ? (category.data ?? '') : '',
    area: area.success ? area.data : '',
    // In the contract's order, once each, whatever order the address has them in.
    accessibility: accessibilityFeatures.filter((feature) => query.getAll('access').filter(isFeature).includes(feature)),
    staleOnly: read('stale') === 'yes',
    includeInactive: read('inactive') === 'yes',
    page: Number.isSafeInteger(page) && page > 1 ? page - 1 : 0,
  };
}

/**
 * The directory's address for a place; only what differs from the default is written. It always
 * has a `?`: without one, the router keeps the query of the screen it leaves.
 */
export function directoryHref(place: DirectoryPlace): string {
  const query = new URLSearchParams();
  if (place.words) query.set('words', place.words);
  if (place.category) query.set('category', place.category);
  if (place.area) query.set('area', place.area);
  for (const feature of place.accessibility) query.append('access', feature);
  if (place.staleOnly) query.set('stale', 'yes');
  if (place.includeInactive) query.set('inactive', 'yes');
  if (place.page > 0) query.set('page', String(place.page + 1));
  return `/directory?${query.toString()}`;
}

export function directoryInput(place: DirectoryPlace): DirectorySearchInput {
  return {
    words: place.words,
    ...(place.category ? { category: place.category } : {}),
    area: place.area,
    accessibility: place.accessibility,
    staleOnly: place.staleOnly,
    includeInactive: place.includeInactive,
    limit: directoryPageSize,
    offset: place.page * directoryPageSize,
  };
}

/** Whether the place narrows the directory at all. */
export function placeNarrows(place: DirectoryPlace): boolean {
  return Boolean(place.words || place.category || place.area || place.accessibility.length > 0 || place.staleOnly || place.includeInactive);
}
