import { useEffect, type ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { Main } from '../../app/Main';
import type { SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { PersonHeader } from '../people/record/PersonHeader';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { RecordErrorSummary, recordSummaryErrors } from '../people/record/record-form';
import { placeFromSearch, worklistHref } from './worklist-query';
import './reviews.scss';

export const reviewTitle = 'Review of their plan';

interface ReviewPageProps {
  errors?: SummaryError[];
  /** What went wrong that is not about one field; with `onReload`, the review changed under the screen. */
  formMessage?: string | null;
  onReload?: (() => void) | undefined;
  /** Said once, above who the review is about. */
  notice?: string | null;
  children: ReactNode;
}

/**
 * Back from an earlier review to the review screen; from a review opened in the worklist to the
 * same place in it; otherwise to their record.
 */
function backLink(search: string, personId: string, name: string): { href: string; text: string } {
  const query = new URLSearchParams(search);
  if (query.has('review')) return { href: personHref(personId, '/review?'), text: 'Back to the review' };
  if (query.has('tab')) return { href: worklistHref(placeFromSearch(search)), text: 'Back to reviews' };
  return { href: personHref(personId), text: `Back to ${name}'s record` };
}

/**
 * Every state of the review screen: the way back, what went wrong (and, when the review changed
 * under the screen, the way to reload it), then who the review is about with their communication
 * needs flag.
 */
export function ReviewPage({ errors = [], formMessage = null, onReload, notice, children }: ReviewPageProps) {
  const { person, clearNotice } = usePersonRecord();
  usePageTitle(`${reviewTitle} – ${personName(person)}`);
  // The record's notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  const search = useSearch();
  const stale = Boolean(onReload);
  const back = backLink(search, person.id, personName(person));
  return (
    <Main>
      <Link className="nhsuk-back-link" href={back.href}>
        {back.text}
      </Link>
      <RecordErrorSummary errors={recordSummaryErrors(errors, formMessage, stale)} stale={stale} onReload={() => onReload?.()} reloadLabel="Reload the review" />
      {notice ? <Notice>{notice}</Notice> : null}
      <PersonHeader person={person} title={reviewTitle} />
      {children}
    </Main>
  );
}
