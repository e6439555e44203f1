import { useCallback, useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { measureContexts, type OutcomeRecord, type Referral } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { useOpenFormsDraftStatus } from '../../app/drafts';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { SaveStatus } from '../../components/SaveStatus';
import { PersonHeader } from '../people/record/PersonHeader';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { referralHref } from '../social-prescribing/referral-words';
import { Ons4Form, SwemwbsForm } from './OutcomeForms';
import { MeasureHistory } from './OutcomeHistory';
import { recordedSentence, scoreBefore } from './outcome-text';
import './reviews.scss';

type Measure = OutcomeRecord['measure'];

/** In the order they were taken, as outcomes.list gives them; a new score goes in its place. */
function withOutcome(outcomes: readonly OutcomeRecord[], outcome: OutcomeRecord): OutcomeRecord[] {
  return [...outcomes, outcome].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0));
}

/** The referral named in the address, checked to be this person's; undefined while it is asked for. */
function useReferralOfScores(personId: string, referralId: string | null) {
  const [referral, setReferral] = useState<Referral | null | undefined>(referralId ? undefined : null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (!referralId) {
      setReferral(null);
      return;
    }
    let live = true;
    setReferral(undefined);
    void invoke('referrals.get', { referralId }).then((result) => {
      if (!live) return;
      const theirs = result.ok && result.value.personId === personId;
      setReferral(theirs ? result.value : null);
      if (!theirs) setError(result.ok ? 'That referral is not part of this person’s record.' : result.error.message);
    });
    return () => {
      live = false;
    };
  }, [personId, referralId]);
  return { referral, error };
}

/**
 * A person's wellbeing scores: ONS4 personal wellbeing and SWEMWBS, recorded with the date and
 * whether at the start, a review or the end; each score said in words with the change since the
 * one before; and each measure over time as a chart with its table. Opened from a review
 * (`?context=review&from=review`), the scores are for the review and the way back leads to it;
 * opened from a social prescribing referral (`?context=baseline&referral=<id>&from=referral`), they
 * are the referral's baseline or follow-up and the way back leads to the referral.
 */
export function OutcomesScreen() {
  const { person, clearNotice } = usePersonRecord();
  const canWrite = useCan()('people:write');
  usePageTitle(`Wellbeing scores – ${personName(person)}`);
  // The record's notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  const query = new URLSearchParams(useSearch());
  const fromReview = query.get('from') === 'review';
  const referralParam = query.get('referral');
  const fromReferral = query.get('from') === 'referral' && referralParam !== null;
  const { referral, error: referralError } = useReferralOfScores(person.id, referralParam);
  // A follow-up belongs to a referral only; the forms offer the same choices.
  const context = measureContexts.find((known) => known === query.get('context') && (known !== 'follow-up' || referral));
  const [outcomes, setOutcomes] = useState<OutcomeRecord[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ measure: Measure; text: string } | null>(null);
  const [formErrors, setFormErrors] = useState<Record<Measure, SummaryError[]>>({ ons4: [], swemwbs: [] });
  const draftStatus = useOpenFormsDraftStatus();

  useEffect(() => {
    let live = true;
    void invoke('outcomes.list', { personId: person.id }).then((result) => {
      if (!live) return;
      if (result.ok) setOutcomes(result.value);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [person.id]);

  const recorded = (measure: Measure) => (outcome: OutcomeRecord) => {
    const all = withOutcome(outcomes ?? [], outcome);
    setOutcomes(all);
    setNotice({ measure, text: recordedSentence(outcome, scoreBefore(all, outcome)) });
  };
  const ons4Errors = useCallback((errors: SummaryError[]) => setFormErrors((all) => ({ ...all, ons4: errors })), []);
  const swemwbsErrors = useCallback((errors: SummaryError[]) => setFormErrors((all) => ({ ...all, swemwbs: errors })), []);

  return (
    <Main>
      {fromReferral ? (
        <Link className="nhsuk-back-link" href={referralHref(person.id, referralParam)}>
          Back to the referral
        </Link>
      ) : (
        // The record's address states its (empty) query, so a referral's is not carried on from here.
        <Link className="nhsuk-back-link" href={fromReview ? personHref(person.id, '/review') : `${personHref(person.id)}?`}>
          {fromReview ? 'Back to the review' : `Back to ${personName(person)}'s record`}
        </Link>
      )}
      <ErrorSummary errors={[...(loadError ? [{ message: loadError }] : []), ...(referralError ? [{ message: referralError }] : []), ...formErrors.ons4, ...formErrors.swemwbs]} />
      <PersonHeader person={person} title="Wellbeing scores" />
      {referral ? (
        <p className="nhsuk-body-l">
          For their social prescribing referral of {formatDate(referral.referredOn)}. Record a baseline at the start and a follow-up later, to show the change in the
          summary for the GP.
        </p>
      ) : null}
      {canWrite && referral === undefined ? (
        <p className="nhsuk-body" role="status">
          Opening the referral…
        </p>
      ) : null}
      {canWrite && referral !== undefined ? (
        <div className="nhsuk-grid-row">
          {/* Full width: the eleven points of a scale and five answers to a statement sit on one line. */}
          <div className="nhsuk-grid-column-full">
            <p className="nhsuk-u-reading-width">Ask the questions in the person&apos;s own words where they need it, and record their answers as they give them.</p>
            <h2 id="ons4-heading">Personal wellbeing (ONS4)</h2>
            {notice?.measure === 'ons4' ? <Notice>{notice.text}</Notice> : null}
            {/* Keyed by the referral and context: a referral's scores are a form of their own, with their own draft. */}
            <Ons4Form key={`ons4-${referral?.id ?? ''}-${context ?? ''}`} personId={person.id} context={context} referralId={referral?.id} onRecorded={recorded('ons4')} onErrors={ons4Errors} />
            <h2 id="swemwbs-heading">Mental wellbeing (SWEMWBS)</h2>
            {notice?.measure === 'swemwbs' ? <Notice>{notice.text}</Notice> : null}
            <SwemwbsForm key={`swemwbs-${referral?.id ?? ''}-${context ?? ''}`} personId={person.id} context={context} referralId={referral?.id} onRecorded={recorded('swemwbs')} onErrors={swemwbsErrors} />
            <SaveStatus status={draftStatus} />
          </div>
        </div>
      ) : null}
      <h2>Scores over time</h2>
      {!outcomes ? (
        loadError ? null : (
          <p className="nhsuk-body" role="status">
            Loading the scores…
          </p>
        )
      ) : (
        <>
          <h3>Personal wellbeing (ONS4)</h3>
          <MeasureHistory measure="ons4" outcomes={outcomes} />
          <h3>Mental wellbeing (SWEMWBS)</h3>
          <MeasureHistory measure="swemwbs" outcomes={outcomes} />
        </>
      )}
    </Main>
  );
}
