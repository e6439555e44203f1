import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import {
  noteDestinationLabels,
  planTextSectionLabels,
  planTextSections,
  type ConversationGuide,
  type PlanContentInput,
} from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import type { SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { formatKeptTime } from '../../components/SaveStatus';
import { MultilineText } from '../people/record/MultilineText';
import { PersonHeader } from '../people/record/PersonHeader';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { RecordErrorSummary } from '../people/record/record-form';
import './plan-draft.scss';

interface PlanDraftPageProps {
  title: string;
  errors: SummaryError[];
  stale: boolean;
  onReload: () => void;
  children: ReactNode;
}

/** A screen that works on the person's draft plan: back to the plan, errors, their header and flag, then the screen. */
export function PlanDraftPage({ title, errors, stale, onReload, children }: PlanDraftPageProps) {
  const { person, clearNotice } = usePersonRecord();
  usePageTitle(`${title} – ${personName(person)}`);
  // A notice belongs to the person page it was shown on.
  useEffect(() => clearNotice(), [clearNotice]);
  return (
    <Main>
      <Link className="nhsuk-back-link" href={personHref(person.id, '/plan')}>
        Back to {personName(person)}&apos;s plan
      </Link>
      <RecordErrorSummary errors={errors} stale={stale} onReload={onReload} reloadLabel="Reload the plan with their changes" />
      <PersonHeader person={person} title={title} />
      {children}
    </Main>
  );
}

/** While the plan is being found, or when it cannot be. */
export function PlanMessage({ title, message, busy }: { title: string; message: string; busy?: boolean }) {
  return (
    <PlanDraftPage title={title} errors={busy ? [] : [{ message }]} stale={false} onReload={() => undefined}>
      {busy ? (
        <p className="nhsuk-body" role="status">
          {message}
        </p>
      ) : null}
    </PlanDraftPage>
  );
}

/** Typed earlier and kept, but not in the plan the team sees until it is saved. */
export function RestoredNotice({ restoredAt }: { restoredAt: string | null }) {
  if (!restoredAt) return null;
  return <Notice>Restored what you typed at {formatKeptTime(restoredAt)}. It is not yet saved to the plan.</Notice>;
}

/** The conversation guides, which are data. */
export function useGuides(): { guides: ConversationGuide[] | null; message: string | null } {
  const [answer, setAnswer] = useState<{ guides: ConversationGuide[] | null; message: string | null }>({ guides: null, message: null });
  useEffect(() => {
    let live = true;
    void invoke('guides.list', {}).then((result) => {
      if (live) setAnswer(result.ok ? { guides: result.value, message: null } : { guides: null, message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, []);
  return answer;
}

/** The guide a plan was started with; the first guide if it has since gone. */
export function guideFor(guides: readonly ConversationGuide[], code: string): ConversationGuide | null {
  return guides.find((guide) => guide.code === code) ?? guides[0] ?? null;
}

/**
 * After a reload brought in someone else's changes: what this user had typed that differs, to copy
 * back in. Kept on screen until dismissed.
 */
export function TypedBeforeReload({ typed, now, onDismiss }: { typed: PlanContentInput; now: PlanContentInput; onDismiss: () => void }) {
  const differing: { label: string; text: string }[] = [];
  for (const section of planTextSections) {
    const before = typed[section] ?? '';
    if (before.trim() && before !== (now[section] ?? '')) differing.push({ label: planTextSectionLabels[section], text: before });
  }
  const newItems = <Item extends { id: string }>(items: readonly Item[] | undefined, others: readonly Item[] | undefined, words: (item: Item) => string) => {
    const kept = new Map((others ?? []).map((item) => [item.id, JSON.stringify(item)]));
    return (items ?? []).filter((item) => kept.get(item.id) !== JSON.stringify(item)).map(words).filter((text) => text.trim() !== '');
  };
  const items: [string, string[]][] = [
    [noteDestinationLabels.goals, newItems(typed.goals, now.goals, (goal) => goal.outcome)],
    [noteDestinationLabels.actions, newItems(typed.actions, now.actions, (action) => action.action)],
    [noteDestinationLabels.risks, newItems(typed.risks, now.risks, (risk) => risk.risk)],
    ['Conversation notes', newItems(typed.notes, now.notes, (note) => note.text)],
  ];
  for (const [label, texts] of items) for (const text of texts) differing.push({ label, text });
  if (typed.reviewDate && typed.reviewDate !== now.reviewDate) differing.push({ label: 'Review date', text: formatDate(typed.reviewDate) });
  if (differing.length === 0) return null;
  return (
    <div className="nhsuk-inset-text">
      <h2 className="nhsuk-heading-s">What you typed before reloading</h2>
      <p>The plan now shows the other changes. Copy back anything of yours that is still needed.</p>
      <dl className="nhsuk-summary-list">
        {differing.map((entry, index) => (
          // Entries are a snapshot with no identity; their order does not change while shown.
          <div className="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions" key={index}>
            <dt className="nhsuk-summary-list__key">{entry.label}</dt>
            <dd className="nhsuk-summary-list__value">
              <MultilineText text={entry.text} />
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onDismiss}>
        I have copied what I need
      </button>
    </div>
  );
}
