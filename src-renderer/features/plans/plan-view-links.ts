import { personHref } from '../people/record/PersonRecord';

/**
 * A link to one of a person's plan screens, with its query. wouter's hash location keeps the
 * window's query string when a link gives none, so every plan link states its own (empty when it
 * has none): otherwise a version opened on one screen would follow the user to the next.
 */
export function planHref(personId: string, screen = '', query: Record<string, string> = {}): string {
  return `${personHref(personId, `/plan${screen}`)}?${new URLSearchParams(query).toString()}`;
}

/** What the plan overview says once, after the screen that sent the user there. */
export interface PlanNoticeState {
  notice: string;
}

/** The notice another plan screen left in the history entry, if any. */
export function planNoticeFromHistory(): string | null {
  const state: unknown = window.history.state;
  return state && typeof state === 'object' && 'notice' in state && typeof state.notice === 'string' ? state.notice : null;
}
