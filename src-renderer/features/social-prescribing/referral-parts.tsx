import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { referralStatusLabels, type Referral, type ReferralStatus } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { PersonHeader } from '../people/record/PersonHeader';
import { personName, usePersonRecord } from '../people/record/PersonRecord';
import { referralStatusTagClasses } from './referral-words';
import './referrals.scss';

/** Said while a screen waits: the plan screens' own. */
export { Loading } from '../plans/plan-view-page';

/**
 * One referral, checked to be this person's: a referral id from elsewhere must not show someone
 * else's referral under this person's name.
 */
export function useReferral(personId: string, referralId: string) {
  const [referral, setReferral] = useState<Referral | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('referrals.get', { referralId }).then((result) => {
      if (!live) return;
      if (!result.ok) setError(result.error.message);
      else if (result.value.personId !== personId) setError('That referral is not part of this person’s record.');
      else setReferral(result.value);
    });
    return () => {
      live = false;
    };
  }, [personId, referralId]);
  return { referral, error, setReferral };
}

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  return <strong className={`nhsuk-tag ${referralStatusTagClasses[status]} app-referral-nowrap`}>{referralStatusLabels[status]}</strong>;
}

interface ReferralPageProps {
  /** What the screen is for, under the person's name. */
  title: string;
  back: { href: string; text: string };
  errors?: SummaryError[];
  /** What the last action did, said once above the header. */
  notice?: string | null;
  children?: ReactNode;
}

/**
 * A screen about a person's referral: the way back, what went wrong, what was just done, then who
 * it is about (with their communication needs flag) and what the screen is for.
 */
export function ReferralPage({ title, back, errors = [], notice, children }: ReferralPageProps) {
  const { person, clearNotice } = usePersonRecord();
  usePageTitle(`${title} – ${personName(person)}`);
  // The record's notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  return (
    <Main>
      <Link className="nhsuk-back-link" href={back.href}>
        {back.text}
      </Link>
      <ErrorSummary errors={errors} />
      {notice ? <Notice>{notice}</Notice> : null}
      <PersonHeader person={person} title={title} />
      {children}
    </Main>
  );
}
