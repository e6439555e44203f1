import { useCallback, useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { measureContexts, type OutcomeRecord } from '../../../src-shared/contract';
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
import { Ons4Form, SwemwbsForm } from './OutcomeForms';
import { MeasureHistory } from './OutcomeHistory';
import { recordedSentence, scoreBefore } from './outcome-text';
import './reviews.scss';

type Measure = OutcomeRecord['measure'];

/** In the order they were taken, as outcomes.list gives them; a new score goes in its place. */
function withOutcome(outcomes: readonly OutcomeRecord[], outcome: OutcomeRecord): OutcomeRecord[] {
  return [...outcomes, outcome].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0));
}

/**
 * A person's wellbeing scores: ONS4 personal wellbeing and SWEMWBS, recorded with the date and
 * whether at the start, a review or the end; each score said in words with the change since the
 * one before; and each measure over time as a chart with its table. Opened from a review
 * (`?context=review&from=review`), the scores are for the review and the way back leads to it.
 */
export function OutcomesScreen() {
  const { person, clearNotice } = usePersonRecord();
  const canWrite = useCan()('people:write');
  usePageTitle(`Wellbeing scores – ${personName(person)}`);
  // The record's notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  const query = new URLSearchParams(useSearch());
  const fromReview = query.get('from') === 'review';
  const context = measureContexts.find((known) => known === query.get('context'));
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
      <Link className="nhsuk-back-link" href={fromReview ? personHref(person.id, '/review') : personHref(person.id)}>
        {fromReview ? 'Back to the review' : `Back to ${personName(person)}'s record`}
      </Link>
      <ErrorSummary errors={[...(loadError ? [{ message: loadError }] : []), ...formErrors.ons4, ...formErrors.swemwbs]} />
      <PersonHeader person={person} title="Wellbeing scores" />
      {canWrite ? (
        <div className="nhsuk-grid-row">
          {/* Full width: the eleven points of a scale and five answers to a statement sit on one line. */}
          <div className="nhsuk-grid-column-full">
            <p className="nhsuk-u-reading-width">Ask the questions in the person&apos;s own words where they need it, and record their answers as they give them.</p>
            <h2 id="ons4-heading">Personal wellbeing (ONS4)</h2>
            {notice?.measure === 'ons4' ? <Notice>{notice.text}</Notice> : null}
            <Ons4Form personId={person.id} context={context} onRecorded={recorded('ons4')} onErrors={ons4Errors} />
            <h2 id="swemwbs-heading">Mental wellbeing (SWEMWBS)</h2>
            {notice?.measure === 'swemwbs' ? <Notice>{notice.text}</Notice> : null}
            <SwemwbsForm personId={person.id} context={context} onRecorded={recorded('swemwbs')} onErrors={swemwbsErrors} />
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
