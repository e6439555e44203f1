import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import {
  conversationNoteSchema,
  noteDestinationLabels,
  noteDestinations,
  planContentSchema,
  type CarePlan,
  type ConversationGuide,
  type NoteDestination,
  type PlanContentInput,
} from '../../../src-shared/contract';
import { personDraftKey, useFormDraft, useOpenFormsDraftStatus } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { SaveStatus } from '../../components/SaveStatus';
import { TextArea } from '../people/record/form-fields';
import { MultilineText } from '../people/record/MultilineText';
import { personHref, usePersonRecord } from '../people/record/PersonRecord';
import { recordSummaryErrors } from '../people/record/record-form';
import { noteAsWritten, withNoteMoved } from './conversation-notes';
import { StartConversation } from './conversation-start';
import { useGuideStep } from './conversation-steps';
import { usePlanForm, useCurrentDraftPlan } from './plan-draft';
import { guideFor, PlanDraftPage, PlanMessage, RestoredNotice, TypedBeforeReload, useGuides } from './plan-draft-page';
import './conversation.scss';

const title = 'Care planning conversation';

/**
 * The guided conversation: one step of a guide at a time, its prompts to read aloud, and notes of
 * what the person says, each moved into the plan section it belongs to with one action.
 */
export function ConversationScreen() {
  const { person } = usePersonRecord();
  const { current, replace, reload } = useCurrentDraftPlan(person.id);
  const { guides, message } = useGuides();
  const [, navigate] = useLocation();
  const [justStarted, setJustStarted] = useState(false);

  if (current.state === 'failed') return <PlanMessage title={title} message={current.message} />;
  if (message) return <PlanMessage title={title} message={message} />;
  if (current.state === 'loading' || !guides) return <PlanMessage title={title} message="Opening their plan…" busy />;
  if (current.state === 'none') {
    return (
      <StartConversation
        guides={guides}
        agreed={current.agreed}
        onStarted={(plan) => {
          setJustStarted(true);
          replace(plan);
          navigate('/conversation?step=1', { replace: true });
        }}
        onDraftExists={reload}
      />
    );
  }
  const guide = guideFor(guides, current.plan.guideCode);
  if (!guide || guide.steps.length === 0) return <PlanMessage title={title} message="There are no conversation guides. Ask your practice manager to add one." />;
  return <Conversation key={current.plan.id} plan={current.plan} guide={guide} replacePlan={replace} focusOnOpen={justStarted} />;
}

const newNoteSchema = conversationNoteSchema.pick({ text: true, ownWords: true });
type NewNoteInput = z.input<typeof newNoteSchema>;
type NewNote = z.output<typeof newNoteSchema>;
const noteTextId = 'note-text';

interface ConversationProps {
  plan: CarePlan;
  guide: ConversationGuide;
  replacePlan: (plan: CarePlan) => void;
  /** Just started: move to the first step's heading, as the button pressed has gone. */
  focusOnOpen: boolean;
}

function Conversation({ plan, guide, replacePlan, focusOnOpen }: ConversationProps) {
  const { person } = usePersonRecord();
  const [, navigate] = useLocation();
  const { stepNumber, showStep } = useGuideStep(guide.steps.length, '/conversation');
  const step = guide.steps[stepNumber - 1] ?? guide.steps[0]!;
  // Nothing on this screen edits goals or sections directly, so problems with them are told in the summary.
  const planForm = usePlanForm(plan, replacePlan, () => []);
  const { form, draft } = planForm;
  const noteForm = useForm<NewNoteInput, unknown, NewNote>({ resolver: zodResolver(newNoteSchema), defaultValues: { text: '', ownWords: true } });
  const noteDraft = useFormDraft(personDraftKey(person.id, `plan:${plan.id}:note`), noteForm);
  const draftStatus = useOpenFormsDraftStatus();
  const notes = useWatch({ control: form.control, name: 'notes' }) ?? [];
  const stepNotes = notes.filter((note) => note.step === step.title);
  const [destinations, setDestinations] = useState<Record<string, NoteDestination>>({});
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const notesHeading = useRef<HTMLHeadingElement>(null);
  const focusedStep = useRef<number | null>(focusOnOpen ? null : stepNumber);

  // A new step is announced by moving to its heading, as a new page would be.
  useEffect(() => {
    if (focusedStep.current === stepNumber) return;
    focusedStep.current = stepNumber;
    stepHeading.current?.focus();
  }, [stepNumber]);

  /**
   * Saves the plan for the team when anything has changed. If it cannot be saved, what was typed
   * is still kept in the user's draft and the error summary says why.
   */
  const savePlanIfChanged = async (): Promise<'saved' | 'unchanged' | 'invalid' | 'stale' | 'refused'> => {
    const parsed = planContentSchema.safeParse(form.getValues());
    if (!parsed.success) {
      planForm.setFormMessage(`The plan cannot be saved yet: ${parsed.error.issues[0]?.message ?? 'something needs changing'}. Open the full plan to put it right.`);
      return 'invalid';
    }
    if (JSON.stringify(parsed.data) === JSON.stringify(plan.content)) {
      await draft.discard();
      return 'unchanged';
    }
    return (await planForm.savePlan(parsed.data)).outcome;
  };

  const goToStep = async (target: number) => {
    setBusy(true);
    await savePlanIfChanged();
    setBusy(false);
    setConfirmation('');
    showStep(target);
  };

  const leaveFor = async (screen: string) => {
    setBusy(true);
    await Promise.all([draft.flush(), noteDraft.flush()]);
    setBusy(false);
    navigate(screen);
  };

  /** Anything the plan refuses is put right in the editor; someone else's changes must be reloaded here first. */
  const openEditor = async () => {
    setBusy(true);
    const outcome = await savePlanIfChanged();
    setBusy(false);
    if (outcome !== 'stale') navigate('/edit');
  };

  const saveDraftPlan = async () => {
    setBusy(true);
    const outcome = await savePlanIfChanged();
    setBusy(false);
    if (outcome === 'saved') setConfirmation('Draft plan saved. The team can now see it.');
    else if (outcome === 'unchanged') setConfirmation('Nothing has changed since the plan was last saved.');
  };

  const addNote = noteForm.handleSubmit(async ({ text, ownWords }) => {
    const notesNow = [...(form.getValues('notes') ?? []), { id: crypto.randomUUID(), step: step.title, text, ownWords }];
    form.setValue('notes', notesNow, { shouldDirty: true });
    noteForm.reset({ text: '', ownWords: true });
    // The count changes each time, so a screen reader announces every note added, not just the first.
    const atThisStep = notesNow.filter((note) => note.step === step.title).length;
    setConfirmation(`Note added. ${atThisStep === 1 ? '1 note' : `${atThisStep} notes`} from this step.`);
    // Ready for the next thing they say. (The form forgets its fields' elements on reset, so not setFocus.)
    document.getElementById(noteTextId)?.focus();
    await Promise.all([draft.flush(), noteDraft.discard()]);
  });

  const applyContent = (content: PlanContentInput, changed: readonly (keyof PlanContentInput)[]) => {
    for (const key of changed) form.setValue(key, content[key], { shouldDirty: true });
  };

  const moveNote = (noteId: string, destination: NoteDestination) => {
    const before = form.getValues();
    const moved = withNoteMoved(before, noteId, destination, crypto.randomUUID());
    applyContent(moved, ['notes', destination]);
    setConfirmation(`Moved to ${noteDestinationLabels[destination]}.`);
    notesHeading.current?.focus();
    void draft.flush();
  };

  const noteErrors: SummaryError[] = noteForm.formState.errors.text?.message ? [{ fieldId: noteTextId, message: noteForm.formState.errors.text.message }] : [];
  const stepHref = (target: number) => personHref(person.id, `/plan/conversation?step=${target}`);

  return (
    <PlanDraftPage
      title={title}
      errors={recordSummaryErrors(noteErrors, planForm.formMessage, planForm.stale)}
      stale={planForm.stale}
      onReload={() => void planForm.reload()}
    >
      <RestoredNotice restoredAt={draft.restoredAt} />
      {planForm.replacedByReload ? <TypedBeforeReload typed={planForm.replacedByReload} now={form.getValues()} onDismiss={planForm.dismissReplaced} /> : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SaveStatus status={draftStatus} />
          <span className="nhsuk-caption-m">
            Step {stepNumber} of {guide.steps.length}: {guide.name}
          </span>
          <h2 className="nhsuk-heading-l" ref={stepHeading} tabIndex={-1}>
            {step.title}
          </h2>

          <h3 className="nhsuk-heading-s">Questions to read aloud or put in your own words</h3>
          <ul className="nhsuk-list nhsuk-list--bullet app-conversation-prompts">
            {step.prompts.map((prompt) => (
              <li key={prompt}>{prompt}</li>
            ))}
          </ul>
          <p className="nhsuk-body-s">What is said here usually belongs in: {noteDestinationLabels[step.section]}.</p>

          <form noValidate onSubmit={(event) => void addNote(event)}>
            <TextArea
              id={noteTextId}
              label="Note what they say"
              hint="Write it as they say it where you can."
              rows={4}
              error={noteForm.formState.errors.text?.message}
              registration={noteForm.register('text')}
            />
            <div className="nhsuk-form-group">
              <div className="nhsuk-checkboxes">
                <div className="nhsuk-checkboxes__item">
                  <input className="nhsuk-checkboxes__input" id="note-own-words" type="checkbox" {...noteForm.register('ownWords')} />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="note-own-words">
                    In their own words
                  </label>
                </div>
              </div>
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Add note
            </button>
          </form>

          <p className="app-plan-confirmation" role="status">
            {confirmation}
          </p>

          <h3 className="nhsuk-heading-m" ref={notesHeading} tabIndex={-1}>
            Notes from this step
          </h3>
          {stepNotes.length === 0 ? <p>No notes from this step yet. Notes you move into the plan leave this list.</p> : null}
          <ul className="nhsuk-list app-conversation-notes">
            {stepNotes.map((note, index) => {
              const destination = destinations[note.id] ?? step.section;
              const selectId = `note-${note.id}-destination`;
              return (
                <li key={note.id} className="app-conversation-note">
                  {note.ownWords ?? true ? <strong className="nhsuk-tag nhsuk-tag--blue">In their own words</strong> : null}
                  <p className="app-conversation-note__text">
                    <MultilineText text={noteAsWritten({ text: note.text, ownWords: note.ownWords ?? true })} />
                  </p>
                  <div className="app-conversation-note__actions">
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => moveNote(note.id, destination)}>
                      Move to {noteDestinationLabels[destination]}
                      <span className="nhsuk-u-visually-hidden"> (note {index + 1})</span>
                    </button>
                    <div className="nhsuk-form-group">
                      <label className="nhsuk-label" htmlFor={selectId}>
                        Or move it to<span className="nhsuk-u-visually-hidden"> (note {index + 1})</span>
                      </label>
                      <select
                        className="nhsuk-select"
                        id={selectId}
                        value={destination}
                        onChange={(event) => setDestinations({ ...destinations, [note.id]: event.target.value as NoteDestination })}
                      >
                        {noteDestinations.map((option) => (
                          <option key={option} value={option}>
                            {noteDestinationLabels[option]}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>

          <div className="nhsuk-button-group">
            {stepNumber > 1 ? (
              <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy} onClick={() => void goToStep(stepNumber - 1)}>
                Previous step
              </button>
            ) : null}
            {stepNumber < guide.steps.length ? (
              <button type="button" className="nhsuk-button" disabled={busy} onClick={() => void goToStep(stepNumber + 1)}>
                Next step
              </button>
            ) : (
              <button
                type="button"
                className="nhsuk-button"
                disabled={busy}
                onClick={() => void openEditor()}
              >
                Finish and check the plan
              </button>
            )}
            <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy} onClick={() => void saveDraftPlan()}>
              Save draft plan
            </button>
          </div>
        </div>

        <div className="nhsuk-grid-column-one-third">
          <nav aria-labelledby="conversation-steps-heading">
            <h2 className="nhsuk-heading-s" id="conversation-steps-heading">
              Steps in this conversation
            </h2>
            <ol className="nhsuk-list app-conversation-steps">
              {guide.steps.map((guideStep, index) => {
                const target = index + 1;
                return (
                  <li key={`${target}-${guideStep.title}`}>
                    <Link
                      href={stepHref(target)}
                      aria-current={target === stepNumber ? 'step' : undefined}
                      onClick={(event) => {
                        event.preventDefault();
                        if (target !== stepNumber) void goToStep(target);
                      }}
                    >
                      {target}. {guideStep.title}
                    </Link>
                  </li>
                );
              })}
            </ol>
          </nav>
          <h2 className="nhsuk-heading-s">Also</h2>
          <ul className="nhsuk-list">
            <li>
              <Link
                href={personHref(person.id, `/plan/shared?step=${stepNumber}`)}
                onClick={(event) => {
                  event.preventDefault();
                  void leaveFor(`/shared?step=${stepNumber}`);
                }}
              >
                Open the shared screen
              </Link>
              <span className="nhsuk-body-s app-conversation-hint"> to show {person.givenName} what is being agreed, in large text</span>
            </li>
            <li>
              <Link
                href={personHref(person.id, '/plan/edit')}
                onClick={(event) => {
                  event.preventDefault();
                  void openEditor();
                }}
              >
                Open the full plan
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </PlanDraftPage>
  );
}
