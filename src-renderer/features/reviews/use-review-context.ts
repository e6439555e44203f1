import { useEffect, useMemo, useState } from 'react';
import type { BudgetSummary, CarePlan, ConversationGuide, OutcomeRecord, PlanReview } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { loadPersonPlan } from '../plans/plan-view-page';

/** The code of the built-in conversation guide for reviews. */
export const reviewGuideCode = 'review';

/** The signed review before this one, if any: the one whose plan version "what changed" starts from. */
export function previousSignedReview(review: PlanReview, reviews: readonly PlanReview[]): PlanReview | null {
  const earlier = reviews.filter((other) => other.status === 'signed' && other.id !== review.id && other.startedAt < review.startedAt && other.signedAt);
  earlier.sort((a, b) => ((a.signedAt ?? '') < (b.signedAt ?? '') ? 1 : -1));
  return earlier[0] ?? null;
}

export interface ReviewContext {
  /** The plan version under review. */
  plan: CarePlan | null;
  /** The Review conversation guide, or null if the practice has none. */
  guide: ConversationGuide | null | undefined;
  /** This budget year's spending; null without an agreed budget, undefined while loading. */
  budget: BudgetSummary | null | undefined;
  outcomes: OutcomeRecord[] | null;
  /** The last signed review and the plan version it looked at; null when this is the first. */
  previous: { review: PlanReview; plan: CarePlan } | null | undefined;
  error: string | null;
}

/**
 * Everything a review is read beside, each asked for once and shown as it arrives: the plan
 * version under review, the guide's prompts, the budget, wellbeing scores, and the plan version
 * the last review looked at (for what changed since).
 */
export function useReviewContext(review: PlanReview, reviews: readonly PlanReview[]): ReviewContext {
  const [plan, setPlan] = useState<CarePlan | null>(null);
  const [guide, setGuide] = useState<ConversationGuide | null | undefined>(undefined);
  const [budget, setBudget] = useState<BudgetSummary | null | undefined>(undefined);
  const [outcomes, setOutcomes] = useState<OutcomeRecord[] | null>(null);
  const [earlierPlan, setEarlierPlan] = useState<CarePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { personId, planId } = review;
  const before = useMemo(() => previousSignedReview(review, reviews), [review, reviews]);

  useEffect(() => {
    let live = true;
    const failed = (message: string) => live && setError((current) => current ?? message);
    void loadPersonPlan(personId, planId).then((loaded) => {
      if (!live) return;
      if ('error' in loaded) return failed(loaded.error);
      setPlan(loaded.plan);
      // Only a plan with a budget has spending to look at.
      if (!loaded.plan.budget) return setBudget(null);
      void invoke('budgets.summary', { personId }).then((result) => {
        if (!live) return;
        if (result.ok) setBudget(result.value);
        else failed(result.error.message);
      });
    });
    void invoke('guides.list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setGuide(result.value.find((g) => g.code === reviewGuideCode) ?? null);
      else setGuide(null);
    });
    void invoke('outcomes.list', { personId }).then((result) => {
      if (!live) return;
      if (result.ok) setOutcomes(result.value);
      else failed(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [personId, planId]);

  // The plan the last review looked at, when it is another version than this one.
  const earlierPlanId = before && before.planId !== planId ? before.planId : null;
  useEffect(() => {
    if (!earlierPlanId) return;
    let live = true;
    void loadPersonPlan(personId, earlierPlanId).then((loaded) => {
      if (!live) return;
      if ('error' in loaded) setError((current) => current ?? loaded.error);
      else setEarlierPlan(loaded.plan);
    });
    return () => {
      live = false;
    };
  }, [personId, earlierPlanId]);

  const previousPlan = !before ? null : before.planId === planId ? plan : earlierPlan?.id === before.planId ? earlierPlan : null;
  const previous: ReviewContext['previous'] = !before ? null : previousPlan ? { review: before, plan: previousPlan } : undefined;

  return { plan, guide, budget, outcomes, previous, error };
}
