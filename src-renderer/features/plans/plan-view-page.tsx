import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { planStatusLabels, type CarePlan, type PlanStatus, type PlanVersionSummary } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import type { AppErrorBody } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { PersonHeader } from '../people/record/PersonHeader';
import { personName, usePersonRecord } from '../people/record/PersonRecord';
import './plan-views.scss';

/** The id of the button that reloads a plan someone else has changed; the error summary links to it. */
export const reloadPlanButtonId = 'reload-plan';

/** A CONFLICT naming no field: the plan changed (or was agreed) since this screen opened it. */
export function isStalePlan(error: AppErrorBody): boolean {
  return error.code === 'CONFLICT' && !error.issues?.length;
}

interface PlanPageProps {
  /** What the screen is for, under the person's name. */
  title: string;
  back: { href: string; text: string };
  errors?: SummaryError[];
  /** When set, the plan changed under this screen: the summary leads to a button that reloads it. */
  onReload?: (() => void) | undefined;
  /** A summary of its own in place of the error summary (the plan's own problems, for example). */
  summary?: ReactNode;
  /** What the last action did, said once above the header. */
  notice?: string | null;
  children: ReactNode;
}

/**
 * A screen about a person's plan: the way back, what went wrong, then who it is about (with their
 * communication needs flag) and what the screen is for.
 */
export function PlanPage({ title, back, errors = [], onReload, summary, notice, children }: PlanPageProps) {
  const { person, clearNotice } = usePersonRecord();
  usePageTitle(`${title} – ${personName(person)}`);
  // The record's notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  const summaryErrors = onReload ? errors.map((error, index) => (index === 0 ? { ...error, fieldId: reloadPlanButtonId } : error)) : errors;
  return (
    <Main>
      <Link className="nhsuk-back-link" href={back.href}>
        {back.text}
      </Link>
      {summary ?? <ErrorSummary errors={summaryErrors} />}
      {onReload ? (
        <button type="button" id={reloadPlanButtonId} className="nhsuk-button nhsuk-button--secondary" onClick={onReload}>
          Reload the plan
        </button>
      ) : null}
      {notice ? <Notice>{notice}</Notice> : null}
      <PersonHeader person={person} title={title} />
      {children}
    </Main>
  );
}

const tagColours: Record<PlanStatus, string> = {
  draft: 'nhsuk-tag--blue',
  agreed: 'nhsuk-tag--green',
  superseded: 'nhsuk-tag--grey',
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  return <strong className={`nhsuk-tag ${tagColours[status]}`}>{planStatusLabels[status]}</strong>;
}

/** "Version 1, agreed 3 November 2026" or "Version 2, draft": how a version is named beside another. */
export function versionLabel(plan: Pick<PlanVersionSummary, 'version' | 'status' | 'agreedOn'>): string {
  return plan.agreedOn ? `Version ${plan.version}, agreed ${formatDate(plan.agreedOn)}` : `Version ${plan.version}, draft`;
}

/** Every version of the person's plan, newest first. */
export function usePlanVersions(personId: string) {
  const [versions, setVersions] = useState<PlanVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async (): Promise<PlanVersionSummary[] | null> => {
    const result = await invoke('plans.list', { personId });
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setVersions(result.value);
    setError(null);
    return result.value;
  }, [personId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { versions, error, reload };
}

/**
 * One version in full, checked to be this person's: a plan id from elsewhere must not show
 * someone else's plan under this person's name. Opening a version is audited as a view.
 */
export async function loadPersonPlan(personId: string, planId: string): Promise<{ plan: CarePlan } | { error: string }> {
  const result = await invoke('plans.get', { planId });
  if (!result.ok) return { error: result.error.message };
  if (result.value.personId !== personId) return { error: 'That version is not part of this person’s plan.' };
  return { plan: result.value };
}

/** Said while a screen waits for the plan. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="nhsuk-body" role="status">
      {what}
    </p>
  );
}
