import { useEffect, useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { CarePlan } from '../../../src-shared/contract';
import { planDifference } from '../../../src-shared/domain/plan-difference';
import { usePersonRecord } from '../people/record/PersonRecord';
import { PlanDifferenceView } from './PlanDifferenceView';
import { planHref } from './plan-view-links';
import { Loading, loadPersonPlan, PlanPage, usePlanVersions, versionLabel } from './plan-view-page';

/**
 * What changed between two versions (`?from=<planId>&to=<planId>`), side by side, the earlier on
 * the left. With only `to`, it is compared with the version before it.
 */
export function CompareVersionsScreen() {
  const { person } = usePersonRecord();
  const query = new URLSearchParams(useSearch());
  const toId = query.get('to');
  const { versions, error: listError } = usePlanVersions(person.id);
  const toSummary = versions?.find((v) => v.id === toId);
  const fromId = query.get('from') ?? (toSummary ? versions?.find((v) => v.version < toSummary.version)?.id : undefined);
  const [pair, setPair] = useState<{ before: CarePlan; after: CarePlan } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!fromId || !toId || fromId === toId) return;
    setLoadError(null);
    let live = true;
    void Promise.all([loadPersonPlan(person.id, fromId), loadPersonPlan(person.id, toId)]).then(([from, to]) => {
      if (!live) return;
      if ('error' in from) return setLoadError(from.error);
      if ('error' in to) return setLoadError(to.error);
      // The earlier version always goes on the left, whichever order the link gave.
      setPair(from.plan.version <= to.plan.version ? { before: from.plan, after: to.plan } : { before: to.plan, after: from.plan });
    });
    return () => {
      live = false;
    };
  }, [person.id, fromId, toId]);

  const difference = useMemo(() => (pair ? planDifference(pair.before.content, pair.after.content) : null), [pair]);

  const choiceProblem = !toId
    ? 'Choose the versions to compare from the version history.'
    : versions && !fromId
      ? toSummary
        ? `Version ${toSummary.version} is the first version, so there is nothing before it to compare with.`
        : 'That version is not part of this person’s plan.'
      : fromId === toId
        ? 'Choose two different versions to compare.'
        : null;
  const error = listError ?? loadError ?? choiceProblem;

  // Until the versions now asked for arrive, an earlier pair is not shown under the new heading.
  const shown = pair && [pair.before.id, pair.after.id].sort().join() === [fromId, toId].sort().join() ? pair : null;
  return (
    <PlanPage
      title={shown ? `What changed from version ${shown.before.version} to version ${shown.after.version}` : 'Compare versions of the plan'}
      back={{ href: planHref(person.id, '/versions'), text: 'Back to version history' }}
      errors={error ? [{ message: error }] : []}
    >
      {error ? (
        <p>
          <Link href={planHref(person.id, '/versions')}>Go to the version history</Link>
        </p>
      ) : !shown || !difference ? (
        <Loading what="Comparing the versions…" />
      ) : (
        <>
          <p>
            Comparing <strong>{versionLabel(shown.before)}</strong> with <strong>{versionLabel(shown.after)}</strong>. Each part that changed shows
            the earlier version first.
          </p>
          <ul className="nhsuk-list">
            <li>
              <Link href={planHref(person.id, '', { version: shown.before.id })}>Read version {shown.before.version} in full</Link>
            </li>
            <li>
              <Link href={planHref(person.id, '', { version: shown.after.id })}>Read version {shown.after.version} in full</Link>
            </li>
          </ul>
          <PlanDifferenceView
            difference={difference}
            versions={{ before: versionLabel(shown.before), after: versionLabel(shown.after), beforeVersion: shown.before.version, afterVersion: shown.after.version }}
          />
        </>
      )}
    </PlanPage>
  );
}
