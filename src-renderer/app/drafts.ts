import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { DraftValues } from '../../src-shared/contract';
import { invoke } from '../api/client';

/**
 * Nothing typed is lost: each open form saves what is typed as a draft for this user shortly
 * after typing stops, and again before PlanWell locks and when the window is hidden or closed.
 * The main process keeps drafts per signed-in user; keys about a person start `person:<id>:`.
 */

/** How long after the last change a draft is saved: long enough not to save on every keystroke. */
const autosaveDelayMilliseconds = 800;
/** When PlanWell did not answer, how long before trying again. */
const retryDelayMilliseconds = 5_000;

export type DraftStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: string }
  | { state: 'failed'; message: string };

/** A key for a draft about one person, so drafts are per user (the main process) and per person. */
export function personDraftKey(personId: string, form: string): string {
  return `person:${personId}:${form}`;
}

/** Every open form, by its draft key: each saves what has changed since it was last kept. */
const openForms = new Map<string, () => Promise<void>>();

export async function saveAllDrafts(): Promise<void> {
  await Promise.all([...openForms.values()].map((flush) => flush()));
}

/** Whether what is typed in the open forms is kept, for a screen that cannot reach its forms' hooks. */
const openStatuses = new Map<string, DraftStatus>();
const statusListeners = new Set<() => void>();
let openFormsStatus: DraftStatus = { state: 'idle' };

function publishStatus(key: string, status: DraftStatus | null): void {
  if (status) openStatuses.set(key, status);
  else openStatuses.delete(key);
  openFormsStatus = combinedDraftStatus([...openStatuses.values()]);
  for (const listener of statusListeners) listener();
}

function subscribeToStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** The save status of every form open now, as one. */
export function useOpenFormsDraftStatus(): DraftStatus {
  return useSyncExternalStore(subscribeToStatus, () => openFormsStatus);
}

// The page may be closed, reloaded or hidden (the screen locked by the operating system) with a
// save still waiting for its delay: send it now. A call already sent reaches the main process even
// if the page goes; one started during `pagehide` may not, which is why `visibilitychange` (earlier)
// is used as well.
let pageListenersAdded = false;
function flushWhenPageHides(): void {
  if (pageListenersAdded) return;
  pageListenersAdded = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void saveAllDrafts();
  });
  window.addEventListener('pagehide', () => void saveAllDrafts());
}

interface FormDraftOptions {
  /** Whether a draft saved at this time should be put back into the form. Always, unless given. */
  shouldRestore?: (savedAt: string) => boolean;
  /**
   * Fields a draft never puts back: which record and version the form was opened on (a kept
   * rowVersion would make the next save look stale).
   */
  notRestored?: readonly string[];
}

/**
 * Restores a saved draft into the form when it opens, saves the form as it changes, and registers
 * it for saving before PlanWell locks. `status` says whether what is on screen is kept.
 */
export function useFormDraft<Values extends FieldValues, Context, Transformed>(
  key: string,
  form: UseFormReturn<Values, Context, Transformed>,
  { shouldRestore, notRestored: neverRestored = [] }: FormDraftOptions = {},
) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [status, setLocalStatus] = useState<DraftStatus>({ state: 'idle' });
  const { getValues, reset, watch } = form;
  const mounted = useRef(false);
  const setStatus = useCallback(
    (next: DraftStatus) => {
      setLocalStatus(next);
      // A save sent as the screen closed must not leave its status behind for the next screen.
      if (mounted.current) publishStatus(key, next);
    },
    [key],
  );
  const restoreAsked = useRef(false);
  /** Until the saved draft has been read, saving would overwrite it. */
  const ready = useRef(false);
  /** The saved draft being read: a save asked for before it answers (a busy computer) waits for it. */
  const restoreRead = useRef<Promise<void> | null>(null);
  /** The form's values as last kept (restored, saved as a draft, or saved for real), as JSON. */
  const kept = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Calls to the main process, one after another, so an older save never lands after a newer one. */
  const queue = useRef<Promise<void>>(Promise.resolve());
  // Asked once, when the form opens.
  const restoreIf = useRef(shouldRestore);
  const notRestored = useRef(neverRestored);

  const enqueue = useCallback((work: () => Promise<void>) => {
    queue.current = queue.current.then(work);
    return queue.current;
  }, []);

  const saveNow = useCallback(async (): Promise<void> => {
    if (!ready.current) {
      if (!restoreRead.current) return;
      await restoreRead.current;
    }
    const values = getValues();
    const json = JSON.stringify(values);
    if (json === kept.current) return;
    setStatus({ state: 'saving' });
    const result = await invoke('drafts.save', { key, values: values as DraftValues });
    if (result.ok) {
      kept.current = json;
      setStatus({ state: 'saved', savedAt: new Date().toISOString() });
      return;
    }
    // Only a main process that did not answer is worth asking again; a refusal would be refused again.
    const unanswered = result.error.code === 'INTERNAL';
    setStatus({ state: 'failed', message: unanswered ? 'PlanWell is not answering. Keep this page open: it will try again in a few seconds.' : result.error.message });
    if (unanswered) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void enqueue(saveNow), retryDelayMilliseconds);
    }
  }, [key, getValues, enqueue, setStatus]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    return enqueue(saveNow);
  }, [enqueue, saveNow]);

  useEffect(() => {
    flushWhenPageHides();
    mounted.current = true;
    openForms.set(key, flush);
    return () => {
      mounted.current = false;
      publishStatus(key, null);
      openForms.delete(key);
      // Leaving the screen before the delay is up still keeps what was typed.
      if (timer.current !== undefined) void flush();
    };
  }, [key, flush]);

  useEffect(() => {
    const subscription = watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), autosaveDelayMilliseconds);
    });
    return () => subscription.unsubscribe();
  }, [watch, flush]);

  useEffect(() => {
    if (restoreAsked.current) return;
    restoreAsked.current = true;
    const opened = JSON.stringify(getValues());
    restoreRead.current = invoke('drafts.get', { key }).then((result) => {
      ready.current = true;
      if (result.ok && result.value && (restoreIf.current?.(result.value.savedAt) ?? true)) {
        const kept = Object.fromEntries(Object.entries(result.value.values).filter(([field]) => !notRestored.current.includes(field)));
        reset({ ...getValues(), ...(kept as Partial<Values>) });
        setRestoredAt(result.value.savedAt);
        setStatus({ state: 'saved', savedAt: result.value.savedAt });
        // What is on screen now is what was kept.
        kept.current = JSON.stringify(getValues());
        clearTimeout(timer.current);
        timer.current = undefined;
        return;
      }
      // Nothing to restore: what the form opened with is kept elsewhere; anything typed meanwhile is not yet.
      kept.current = opened;
      if (JSON.stringify(getValues()) !== opened) void flush();
    });
  }, [key, getValues, reset, setStatus, flush]);

  /**
   * Once the form is saved for real, its draft is no longer needed. `savedValues` are the form's
   * values that were saved (by default, those on screen now); anything typed since is kept again.
   */
  const discard = useCallback(
    async (savedValues?: Values) => {
      clearTimeout(timer.current);
      timer.current = undefined;
      // Taken now: anything typed while the draft is being discarded is not kept yet, and is saved below.
      const keptNow = JSON.stringify(savedValues ?? getValues());
      await enqueue(async () => {
        await invoke('drafts.discard', { key });
        kept.current = keptNow;
        setStatus({ state: 'idle' });
      });
      setRestoredAt(null);
      if (JSON.stringify(getValues()) !== kept.current) void flush();
    },
    [key, getValues, enqueue, flush, setStatus],
  );

  /**
   * The form was reset to values kept elsewhere (a reload) without discarding the draft: they
   * are not saved over it until something is typed.
   */
  const keepCurrentValues = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    kept.current = JSON.stringify(getValues());
  }, [getValues]);

  return { restoredAt, status, discard, flush, keepCurrentValues };
}

/** One status for a screen with more than one form: any failure first, then any save under way, then the latest save. */
export function combinedDraftStatus(statuses: readonly DraftStatus[]): DraftStatus {
  const failed = statuses.find((s) => s.state === 'failed');
  if (failed) return failed;
  if (statuses.some((s) => s.state === 'saving')) return { state: 'saving' };
  const savedTimes = statuses.flatMap((s) => (s.state === 'saved' ? [s.savedAt] : [])).sort();
  const latest = savedTimes[savedTimes.length - 1];
  return latest ? { state: 'saved', savedAt: latest } : { state: 'idle' };
}
