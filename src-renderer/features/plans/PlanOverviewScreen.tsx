import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { CarePlan, PlanVersionSummary } from '../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { useCan } from '../../app/app-state';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { PlanDocument, Row, SummaryList } from './plan-view-document';
import { budgetEditorHref, PlanBudgetSummary } from '../budgets/budget-links';
import { planHref, planNoticeFromHistory } from './plan-view-links';
import { isStalePlan, Loading, loadPersonPlan, PlanPage, PlanStatusTag, usePlanVersions, versionLabel } from './plan-view-page';

/**
 * The person's care and support plan: the agreed version read-only, what can be done next (carry
 * on with the draft, agree it, discard it, or start changing the plan), and the way to every
 * earlier version. `?version=<id>` shows one version from the history instead.
 */
export function PlanOverviewScreen() {
  const versionId = new URLSearchParams(useSearch()).get('version');
  return versionId ? <PlanVersionView key={versionId} planId={versionId} /> : <CurrentPlan />;
}

function CurrentPlan() {
  const { person } = usePersonRecord();
  const canWrite = useCan()('people:write');
  const [, navigate] = useLocation();
  const { versions, error: listError, reload } = usePlanVersions(person.id);
  const [shown, setShown] = useState<CarePlan | null>(null);
  const [notice, setNotice] = useState<string | null>(planNoticeFromHistory);
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [discarding, setDiscarding] = useState<CarePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const discardButton = useRef<HTMLButtonElement>(null);

  const agreed = versions?.find((v) => v.status === 'agreed');
  const draft = versions?.find((v) => v.status === 'draft');
  // The agreed plan is what people work to; a draft is shown only while nothing is agreed.
  const shownSummary = agreed ?? draft;
  const shownId = shownSummary?.id;
  const shownUpdatedAt = shownSummary?.updatedAt;

  // Asked for again only when a different version, or a newer save of it, is to be shown.
  useEffect(() => {
    if (!shownId) return;
    let live = true;
    void loadPersonPlan(person.id, shownId).then((loaded) => {
      if (!live) return;
      if ('plan' in loaded) setShown(loaded.plan);
      else setMessage(loaded.error);
    });
    return () => {
      live = false;
    };
  }, [person.id, shownId, shownUpdatedAt]);

  useEffect(() => {
    if (discarding) confirmHeading.current?.focus();
  }, [discarding]);

  const starting = () => {
    setMessage(null);
    setStale(false);
    setNotice(null);
    setBusy(true);
  };
  /** A draft started or discarded elsewhere meanwhile is a plan to reload, not an error to fix. */
  const failed = (error: AppErrorBody) => {
    setBusy(false);
    setStale(isStalePlan(error));
    setMessage(error.message);
  };

  const changePlan = async () => {
    starting();
    const result = await invoke('plans.startDraft', { personId: person.id, guideCode: 'review' });
    if (!result.ok) return failed(result.error);
    navigate(planHref(person.id, '/edit'));
  };

  const askToDiscard = async (summary: PlanVersionSummary) => {
    starting();
    // The draft as it is now: discarding refuses if it changes again before the answer.
    const loaded = await loadPersonPlan(person.id, summary.id);
    setBusy(false);
    if ('error' in loaded) return setMessage(loaded.error);
    setDiscarding(loaded.plan);
  };

  const discard = async (plan: CarePlan) => {
    starting();
    const result = await invoke('plans.discardDraft', { planId: plan.id, rowVersion: plan.rowVersion });
    setDiscarding(null);
    if (!result.ok) return failed(result.error);
    setBusy(false);
    setNotice(`The draft of version ${plan.version} was discarded.`);
    await reload();
    // The buttons are gone; start again from the top of the page, where the notice is.
    document.getElementById('maincontent')?.focus();
  };

  const keepDraft = () => {
    setDiscarding(null);
    // Back to the button that asked, once it is drawn again.
    setTimeout(() => discardButton.current?.focus(), 0);
  };

  const reloadPlan = async () => {
    setMessage(null);
    setStale(false);
    await reload();
  };

  const errors = [listError, message].filter((m): m is string => Boolean(m)).map((m) => ({ message: m }));
  const mayChange = canWrite && person.status === 'active';
  const name = personName(person);

  return (
    <PlanPage
      title="Care and support plan"
      back={{ href: personHref(person.id), text: `Back to ${name}'s record` }}
      errors={errors}
      onReload={stale ? () => void reloadPlan() : undefined}
      notice={notice}
    >
      {!versions ? (
        <Loading what="Opening their plan…" />
      ) : versions.length === 0 ? (
        <>
          <p>There is no care and support plan for {name} yet.</p>
          <p>A plan starts with a conversation about what matters to them. What they say is written into a draft plan, which is agreed with them when it is ready.</p>
          {mayChange ? (
            <Link className="nhsuk-button" href={planHref(person.id, '/conversation')}>
              Start a conversation
            </Link>
          ) : null}
        </>
      ) : (
        <>
          <SummaryList>
            {agreed ? (
              <>
                <Row label="Agreed plan">
                  <PlanStatusTag status="agreed" /> {versionLabel(agreed)}
                </Row>
                <Row label="Review date">{agreed.reviewDate ? formatDate(agreed.reviewDate) : 'Not set'}</Row>
              </>
            ) : (
              <Row label="Agreed plan">None agreed yet</Row>
            )}
            <Row label="Draft">
              {draft ? (
                <>
                  <PlanStatusTag status="draft" /> Version {draft.version}, last changed {formatDateTime(draft.updatedAt)}
                  {draft.updatedByName ? ` by ${draft.updatedByName}` : ''}
                </>
              ) : (
                'No draft in progress'
              )}
            </Row>
          </SummaryList>

          {person.status === 'closed' && canWrite ? <p>Their record is closed. Reopen it to start or change their plan.</p> : null}
          {mayChange && !discarding ? (
            <div className="nhsuk-button-group">
              {draft ? (
                <>
                  <Link className="nhsuk-button" href={planHref(person.id, '/conversation')}>
                    Continue the conversation
                  </Link>
                  <Link className="nhsuk-button nhsuk-button--secondary" href={planHref(person.id, '/edit')}>
                    Edit the draft plan
                  </Link>
                  <Link className="nhsuk-button nhsuk-button--secondary" href={budgetEditorHref(person.id)}>
                    Plan the budget
                  </Link>
                  <Link className="nhsuk-button nhsuk-button--secondary" href={planHref(person.id, '/agree')}>
                    Agree this plan
                  </Link>
                  <button type="button" ref={discardButton} className="nhsuk-button nhsuk-button--warning" disabled={busy} onClick={() => void askToDiscard(draft)}>
                    Discard this draft
                  </button>
                </>
              ) : (
                <>
                  <Link className="nhsuk-button" href={planHref(person.id, '/conversation')}>
                    Start a conversation
                  </Link>
                  {agreed ? (
                    <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy} onClick={() => void changePlan()}>
                      Change this plan
                    </button>
                  ) : null}
                </>
              )}
            </div>
          ) : null}
          {mayChange && !draft && agreed ? (
            <p className="nhsuk-hint">Changing the plan starts version {versions[0] ? versions[0].version + 1 : ''} from the agreed plan. The agreed version stays as it is until the new one is agreed.</p>
          ) : null}

          {discarding ? (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label" ref={confirmHeading} tabIndex={-1}>
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  Discard the draft of version {discarding.version}?
                </span>
              </h2>
              <p>
                Everything written in the draft since it was started will be lost.{' '}
                {agreed ? `The agreed plan (version ${agreed.version}) stays as it is.` : 'There is no agreed plan to go back to.'}
              </p>
              <div className="nhsuk-button-group">
                <button type="button" className="nhsuk-button nhsuk-button--warning" disabled={busy} onClick={() => void discard(discarding)}>
                  Yes, discard the draft
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={keepDraft}>
                  No, keep the draft
                </button>
              </div>
            </div>
          ) : null}

          <ul className="nhsuk-list">
            {shownSummary ? (
              <li>
                <Link href={planHref(person.id, '/export', { version: shownSummary.id })}>
                  Export plan as PDF<span className="nhsuk-u-visually-hidden"> (version {shownSummary.version})</span>
                </Link>
              </li>
            ) : null}
            <li>
              <Link href={planHref(person.id, '/versions')}>
                Version history<span className="nhsuk-u-visually-hidden"> of {name}&apos;s plan</span>
              </Link>
            </li>
          </ul>

          {shownSummary && shown?.id === shownSummary.id ? <ShownPlan plan={shown} /> : shownSummary ? <Loading what="Opening the plan…" /> : null}
        </>
      )}
    </PlanPage>
  );
}

/** One version, introduced by what it is, so a draft is never mistaken for an agreed plan. */
function ShownPlan({ plan }: { plan: CarePlan }) {
  const canWrite = useCan()('people:write');
  return (
    <>
      <hr className="nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible" />
      <p className="nhsuk-body-l app-plan-version-summary">
        <PlanStatusTag status={plan.status} /> {versionLabel(plan)}
      </p>
      {plan.status === 'draft' ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This is a draft. It has not been agreed yet, so it is not their plan until it is.</p>
        </div>
      ) : null}
      <PlanDocument plan={plan} />
      <PlanBudgetSummary personId={plan.personId} budget={plan.budget} draft={plan.status === 'draft'} canWrite={canWrite} />
    </>
  );
}

/** One version from the history, in full, with the way to see what changed in it. */
function PlanVersionView({ planId }: { planId: string }) {
  const { person } = usePersonRecord();
  const { versions } = usePlanVersions(person.id);
  const [plan, setPlan] = useState<CarePlan | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void loadPersonPlan(person.id, planId).then((loaded) => {
      if (!live) return;
      if ('plan' in loaded) setPlan(loaded.plan);
      else setError(loaded.error);
    });
    return () => {
      live = false;
    };
  }, [person.id, planId]);

  const previous = plan && versions ? versions.find((v) => v.version < plan.version) : undefined;
  return (
    <PlanPage
      title={plan ? `Version ${plan.version} of the plan` : 'A version of the plan'}
      back={{ href: planHref(person.id, '/versions'), text: 'Back to version history' }}
      errors={error ? [{ message: error }] : []}
    >
      {plan ? (
        <>
          <p className="nhsuk-body-l app-plan-version-summary">
            <PlanStatusTag status={plan.status} /> {versionLabel(plan)}
          </p>
          <ul className="nhsuk-list">
            {previous ? (
              <li>
                <Link href={planHref(person.id, '/compare', { from: previous.id, to: plan.id })}>
                  What changed from version {previous.version}
                </Link>
              </li>
            ) : null}
            <li>
              <Link href={planHref(person.id, '/export', { version: plan.id })}>
                Export plan as PDF<span className="nhsuk-u-visually-hidden"> (version {plan.version})</span>
              </Link>
            </li>
            <li>
              <Link href={planHref(person.id)}>Go to the current plan</Link>
            </li>
          </ul>
          <PlanDocument plan={plan} />
        </>
      ) : error ? null : (
        <Loading what="Opening this version…" />
      )}
    </PlanPage>
  );
}
