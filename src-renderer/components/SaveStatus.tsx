import { formatDateTime, isoDateInLondon } from '../../src-shared/format';
import type { DraftStatus } from '../app/drafts';
import { Notice } from './FieldMessages';
import './save-status.scss';

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** "14:32" today, "23 Nov 2026, 14:32" on any other day: when something typed was kept. */
export function formatKeptTime(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  return isoDateInLondon(date) === isoDateInLondon(new Date()) ? timeOfDay.format(date) : formatDateTime(isoTimestamp);
}

/** Said when a form opens with what was typed before a lock or leaving the page put back in it. */
export function RestoredDraftNotice({ restoredAt }: { restoredAt: string | null | undefined }) {
  if (!restoredAt) return null;
  return <Notice>We kept what you had typed before PlanWell locked or you left this page, at {formatKeptTime(restoredAt)}. Check it and save when ready.</Notice>;
}

function statusText(status: DraftStatus): string {
  switch (status.state) {
    case 'idle':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatKeptTime(status.savedAt)}`;
    case 'failed':
      return `Not saved — ${status.message}`;
  }
}

/**
 * Whether what is typed is kept, announced politely to screen readers as it changes. The region is
 * always on the page, empty when nothing has been typed, so the first change is announced.
 */
export function SaveStatus({ status }: { status: DraftStatus }) {
  const text = statusText(status);
  return (
    <p className={`app-save-status${status.state === 'failed' ? ' app-save-status--failed' : ''}`} role="status" aria-atomic="true">
      {text}
    </p>
  );
}
