import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import {
  conversationNoteSchema,
  planActionSchema,
  planContentSchema,
  planGoalSchema,
  planRiskSchema,
  planTextSections,
  type CarePlan,
  type DraftValues,
  type PlanContent,
  type PlanContentInput,
  type PlanVersionSummary,
} from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import { applyServerError } from '../../components/server-errors';
import { isStaleRecord } from '../people/record/record-form';

export type CurrentDraftPlan =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  /** No draft: `agreed` is the version a new draft would start from, if there is one. */
  | { state: 'none'; agreed: PlanVersionSummary | null }
  | { state: 'ready'; plan: CarePlan };

/** The person's draft plan, the one version anybody can change: found from the list of versions. */
export function useCurrentDraftPlan(personId: string) {
  const [current, setCurrent] = useState<CurrentDraftPlan>({ state: 'loading' });

  const load = useCallback(async (): Promise<CurrentDraftPlan> => {
    const versions = await invoke('plans.list', { personId });
    if (!versions.ok) return { state: 'failed', message: versions.error.message };
    const draft = versions.value.find((version) => version.status === 'draft');
    if (!draft) return { state: 'none', agreed: versions.value.find((version) => version.status === 'agreed') ?? null };
    const plan = await invoke('plans.get', { planId: draft.id });
    return plan.ok ? { state: 'ready', plan: plan.value } : { state: 'failed', message: plan.error.message };
  }, [personId]);

  useEffect(() => {
    let live = true;
    void load().then((loaded) => {
      if (live) setCurrent(loaded);
    });
    return () => {
      live = false;
    };
  }, [load]);

  /** A plan a channel returned (started or saved) replaces the one held. */
  const replace = useCallback((plan: CarePlan) => setCurrent({ state: 'ready', plan }), []);
  /** Finds the draft again, for when someone else has started one. */
  const reload = useCallback(async () => setCurrent(await load()), [load]);
  return { current, replace, reload };
}

export type PlanSaveOutcome = { outcome: 'saved'; plan: CarePlan } | { outcome: 'stale' } | { outcome: 'refused' };

/** The user's own draft of a plan: what they have typed and not yet saved to the plan. */
export function planDraftKey(plan: Pick<CarePlan, 'id' | 'personId'>): string {
  return personDraftKey(plan.personId, `plan:${plan.id}`);
}

/**
 * The plan's content in a form, the same for the conversation and the editor: checked with the
 * contract's schema, kept as the user's draft as it is typed (restored when newer than the plan),
 * and saved to the plan for the team on request.
 */
export function usePlanForm(plan: CarePlan, replacePlan: (plan: CarePlan) => void, fieldsOnScreen: () => readonly Path<PlanContentInput>[]) {
  const form = useForm<PlanContentInput, unknown, PlanContent>({ resolver: zodResolver(planContentSchema), defaultValues: plan.content });
  // Only what was typed after the plan was last saved is worth restoring; anything older is in it already.
  const draft = useFormDraft(planDraftKey(plan), form, { shouldRestore: (savedAt) => savedAt > plan.updatedAt });
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  /** What was typed before a reload replaced it with someone else's changes. */
  const [replacedByReload, setReplacedByReload] = useState<PlanContentInput | null>(null);
  // Two saves in quick succession must send the row version the first one returned.
  const rowVersion = useRef(plan.rowVersion);
  const { getValues, reset, setError } = form;
  // Kept as a draft of its own, so a crash before it is copied back loses nothing.
  const replacedKey = `${planDraftKey(plan)}:before-reload`;

  useEffect(() => {
    let live = true;
    void invoke('drafts.get', { key: replacedKey }).then((result) => {
      if (live && result.ok && result.value) setReplacedByReload(result.value.values as PlanContentInput);
    });
    return () => {
      live = false;
    };
  }, [replacedKey]);

  /** Saves the plan for the team (audited); what was typed stays in the user's draft until then. */
  const savePlan = async (content: PlanContent): Promise<PlanSaveOutcome> => {
    const typed = getValues();
    setFormMessage(null);
    setStale(false);
    setSaving(true);
    const result = await invoke('plans.saveDraft', { planId: plan.id, rowVersion: rowVersion.current, content });
    setSaving(false);
    if (result.ok) {
      rowVersion.current = result.value.rowVersion;
      replacePlan(result.value);
      await draft.discard(typed);
      return { outcome: 'saved', plan: result.value };
    }
    if (isStaleRecord(result.error)) {
      setStale(true);
      setFormMessage(result.error.message);
      return { outcome: 'stale' };
    }
    setFormMessage(applyServerError(result.error, fieldsOnScreen(), setError));
    return { outcome: 'refused' };
  };

  /** Someone else saved the plan: show theirs, and keep what was typed here on screen to copy back. */
  const reload = async () => {
    const typed = getValues();
    const result = await invoke('plans.get', { planId: plan.id });
    if (!result.ok) {
      setFormMessage(result.error.message);
      return;
    }
    rowVersion.current = result.value.rowVersion;
    replacePlan(result.value);
    setStale(false);
    setFormMessage(null);
    setReplacedByReload(typed);
    void invoke('drafts.save', { key: replacedKey, values: typed as DraftValues });
    reset(result.value.content);
    // The user's draft still holds what they typed until they type again.
    draft.keepCurrentValues();
  };

  const dismissReplaced = () => {
    setReplacedByReload(null);
    void invoke('drafts.discard', { key: replacedKey });
  };

  return { form, draft, formMessage, setFormMessage, stale, saving, savePlan, reload, replacedByReload, dismissReplaced };
}

/**
 * A plan's content from a user's draft, as far as it can be read: each section and item that
 * passes the contract's schema, and the plan's own for anything that does not. For showing, never
 * for saving.
 */
export function readableDraftContent(values: DraftValues, fallback: PlanContent): PlanContent {
  const content: PlanContent = { ...fallback };
  for (const section of planTextSections) {
    const parsed = section in values ? planContentSchema.shape[section].safeParse(values[section]) : null;
    if (parsed?.success) content[section] = parsed.data;
  }
  const reviewDate = 'reviewDate' in values ? planContentSchema.shape.reviewDate.safeParse(values.reviewDate) : null;
  if (reviewDate?.success) content.reviewDate = reviewDate.data;
  const items = <Item>(value: unknown, schema: { safeParse(item: unknown): { success: true; data: Item } | { success: false } }, otherwise: Item[]): Item[] =>
    Array.isArray(value) ? value.flatMap((item) => { const parsed = schema.safeParse(item); return parsed.success ? [parsed.data] : []; }) : otherwise;
  content.goals = items(values.goals, planGoalSchema, fallback.goals);
  content.actions = items(values.actions, planActionSchema, fallback.actions);
  content.risks = items(values.risks, planRiskSchema, fallback.risks);
  content.notes = items(values.notes, conversationNoteSchema, fallback.notes);
  return content;
}
