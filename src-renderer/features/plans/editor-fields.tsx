import { useRef, type ReactNode, type RefObject } from 'react';
import { useFieldArray, type FieldErrors, type Path, type UseFormReturn } from 'react-hook-form';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { noteDestinationLabels, planTextSectionLabels, type PlanContent, type PlanContentInput, type PlanTextSection } from '../../../src-shared/contract';
import type { SummaryError } from '../../components/ErrorSummary';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { TextField } from '../../components/TextField';
import { TextArea } from '../people/record/form-fields';

type PlanForm = UseFormReturn<PlanContentInput, unknown, PlanContent>;

/** A field's id on the page, from its path in the form: `goals.0.outcome` → `goals-0-outcome`. */
export function fieldId(path: string): string {
  return path.replaceAll('.', '-');
}

/** One of the plan's narrative sections: its name is both the heading and the label. */
export function SectionTextArea({ section, hint, error, registration, children }: { section: PlanTextSection; hint: string; error?: string | undefined; registration: UseFormRegisterReturn; children?: ReactNode }) {
  const id = fieldId(section);
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <h2 className="nhsuk-label-wrapper">
        <label className="nhsuk-label nhsuk-label--m" htmlFor={id}>
          {planTextSectionLabels[section]}
        </label>
      </h2>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        rows={6}
        aria-describedby={describedByIds(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...registration}
      />
    </div>
  );
}

interface ItemFieldsetProps {
  /** "goal", "action" or "risk". */
  noun: string;
  index: number;
  onRemove: () => void;
  children: ReactNode;
}

/** One goal, action or risk, with a way to remove it that says which one. */
function ItemFieldset({ noun, index, onRemove, children }: ItemFieldsetProps) {
  const name = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`;
  return (
    <fieldset className="nhsuk-fieldset app-plan-item">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
        <h3 className="nhsuk-fieldset__heading">{name}</h3>
      </legend>
      {children}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onRemove}>
        Remove {noun} {index + 1}
      </button>
    </fieldset>
  );
}

interface ItemListProps {
  heading: string;
  hint: string;
  /** Shown when there are none yet. */
  empty: string;
  addLabel: string;
  count: number;
  onAdd: () => void;
  /** For a problem with the list as a whole, such as too many. */
  error?: string | undefined;
  listId: string;
  addButton: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}

/** A list of goals, actions or risks under its heading, with a button to add one. */
function ItemList({ heading, hint, empty, addLabel, count, onAdd, error, listId, addButton, children }: ItemListProps) {
  return (
    <section className={`app-plan-section${error ? ' nhsuk-form-group--error' : ''}`} aria-labelledby={`${listId}-heading`}>
      <h2 className="nhsuk-heading-m" id={`${listId}-heading`}>
        {heading}
      </h2>
      <p className="nhsuk-hint">{hint}</p>
      {error ? (
        <p className="nhsuk-error-message" id={listId} tabIndex={-1}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {count === 0 ? <p>{empty}</p> : null}
      {children}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onAdd} ref={addButton}>
        {addLabel}
      </button>
    </section>
  );
}

/**
 * Focus after removing an item: the item that moved up into its place, or the add button when it
 * was the last. Without it, focus would fall back to the top of the page.
 */
function useFocusAfterRemove(firstFieldId: (index: number) => string) {
  const addButton = useRef<HTMLButtonElement>(null);
  return {
    addButton,
    after: (index: number) => {
      // After React has taken the removed item off the page.
      requestAnimationFrame(() => (document.getElementById(firstFieldId(index)) ?? addButton.current)?.focus());
    },
  };
}

export function GoalsFields({ form }: { form: PlanForm }) {
  const { control, register, formState } = form;
  const errors = formState.errors.goals;
  const { fields, append, remove } = useFieldArray({ control, name: 'goals', keyName: 'key' });
  const focus = useFocusAfterRemove((index) => fieldId(`goals.${index}.outcome`));
  return (
    <ItemList
        heading={noteDestinationLabels.goals}
        hint="What they want to achieve, in their words, and how you will get there together."
        empty="No goals yet."
        addLabel="Add a goal"
        count={fields.length}
        error={errors?.root?.message ?? errors?.message}
        listId="goals"
        addButton={focus.addButton}
        onAdd={() => append({ id: crypto.randomUUID(), outcome: '', howWeWillKnow: '', byWhen: '', steps: '', linkedNeeds: '' })}
      >
        {fields.map((field, index) => {
          const item = errors?.[index];
          return (
            <ItemFieldset key={field.key} noun="goal" index={index} onRemove={() => { remove(index); focus.after(index); }}>
              <TextArea id={fieldId(`goals.${index}.outcome`)} label="What I want to achieve, in my words" rows={3} error={item?.outcome?.message} registration={register(`goals.${index}.outcome`)} />
              <TextArea id={fieldId(`goals.${index}.howWeWillKnow`)} label="How we will know (optional)" rows={2} error={item?.howWeWillKnow?.message} registration={register(`goals.${index}.howWeWillKnow`)} />
              <TextField id={fieldId(`goals.${index}.byWhen`)} type="date" label="By when (optional)" width={10} error={item?.byWhen?.message} registration={register(`goals.${index}.byWhen`)} />
              <TextArea id={fieldId(`goals.${index}.steps`)} label="Steps, and who helps (optional)" rows={3} error={item?.steps?.message} registration={register(`goals.${index}.steps`)} />
              <TextField id={fieldId(`goals.${index}.linkedNeeds`)} label="Linked needs (optional)" hint="Which of their health and wellbeing needs this goal is about" error={item?.linkedNeeds?.message} registration={register(`goals.${index}.linkedNeeds`)} />
            </ItemFieldset>
          );
        })}
    </ItemList>
  );
}

export function ActionsFields({ form }: { form: PlanForm }) {
  const { control, register, formState } = form;
  const errors = formState.errors.actions;
  const { fields, append, remove } = useFieldArray({ control, name: 'actions', keyName: 'key' });
  const focus = useFocusAfterRemove((index) => fieldId(`actions.${index}.action`));
  return (
    <ItemList
        heading={noteDestinationLabels.actions}
        hint="Who does what, and when: the person, the people around them and the team."
        empty="No actions yet."
        addLabel="Add an action"
        count={fields.length}
        error={errors?.root?.message ?? errors?.message}
        listId="actions"
        addButton={focus.addButton}
        onAdd={() => append({ id: crypto.randomUUID(), action: '', who: '', when: '' })}
      >
        {fields.map((field, index) => {
          const item = errors?.[index];
          return (
            <ItemFieldset key={field.key} noun="action" index={index} onRemove={() => { remove(index); focus.after(index); }}>
              <TextArea id={fieldId(`actions.${index}.action`)} label="What will be done" rows={2} error={item?.action?.message} registration={register(`actions.${index}.action`)} />
              <TextField id={fieldId(`actions.${index}.who`)} label="Who (optional)" error={item?.who?.message} registration={register(`actions.${index}.who`)} />
              <TextField id={fieldId(`actions.${index}.when`)} label="When (optional)" hint="For example, every Tuesday, or by the end of March" error={item?.when?.message} registration={register(`actions.${index}.when`)} />
            </ItemFieldset>
          );
        })}
    </ItemList>
  );
}

export function RisksFields({ form }: { form: PlanForm }) {
  const { control, register, formState } = form;
  const errors = formState.errors.risks;
  const { fields, append, remove } = useFieldArray({ control, name: 'risks', keyName: 'key' });
  const focus = useFocusAfterRemove((index) => fieldId(`risks.${index}.risk`));
  return (
    <ItemList
        heading={noteDestinationLabels.risks}
        hint="What could go wrong, and what everyone agrees to do about it."
        empty="No risks noted yet."
        addLabel="Add a risk"
        count={fields.length}
        error={errors?.root?.message ?? errors?.message}
        listId="risks"
        addButton={focus.addButton}
        onAdd={() => append({ id: crypto.randomUUID(), risk: '', management: '' })}
      >
        {fields.map((field, index) => {
          const item = errors?.[index];
          return (
            <ItemFieldset key={field.key} noun="risk" index={index} onRemove={() => { remove(index); focus.after(index); }}>
              <TextArea id={fieldId(`risks.${index}.risk`)} label="The risk" rows={2} error={item?.risk?.message} registration={register(`risks.${index}.risk`)} />
              <TextArea id={fieldId(`risks.${index}.management`)} label="How we manage it (optional)" rows={3} error={item?.management?.message} registration={register(`risks.${index}.management`)} />
            </ItemFieldset>
          );
        })}
    </ItemList>
  );
}

/** Every field of the editor, in page order: for placing the main process's errors and ordering the summary. */
export function editorFieldPaths(values: PlanContentInput): Path<PlanContentInput>[] {
  const paths: Path<PlanContentInput>[] = ['aboutMe', 'whatMatters', 'strengths', 'healthAndWellbeing', 'goals'];
  (values.goals ?? []).forEach((_, i) => paths.push(`goals.${i}.outcome`, `goals.${i}.howWeWillKnow`, `goals.${i}.byWhen`, `goals.${i}.steps`, `goals.${i}.linkedNeeds`));
  paths.push('actions');
  (values.actions ?? []).forEach((_, i) => paths.push(`actions.${i}.action`, `actions.${i}.who`, `actions.${i}.when`));
  paths.push('risks');
  (values.risks ?? []).forEach((_, i) => paths.push(`risks.${i}.risk`, `risks.${i}.management`));
  paths.push('contingency', 'peopleInvolved', 'consent', 'reviewDate');
  return paths;
}

/** The error summary's entries, in page order, each linking to its field. */
export function editorSummaryErrors(errors: FieldErrors<PlanContentInput>, values: PlanContentInput): SummaryError[] {
  const summary: SummaryError[] = [];
  for (const path of editorFieldPaths(values)) {
    const message = errorMessageAt(errors, path);
    if (message) summary.push({ fieldId: fieldId(path), message });
  }
  // Notes are not edited here; a problem with one can only be told.
  const noteProblem = errors.notes?.message ?? errors.notes?.root?.message ?? (Array.isArray(errors.notes) ? errors.notes.find((note) => note?.text?.message)?.text?.message : undefined);
  if (noteProblem) summary.push({ message: `A conversation note: ${noteProblem}` });
  return summary;
}

function errorMessageAt(errors: FieldErrors<PlanContentInput>, path: string): string | undefined {
  let at: unknown = errors;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  if (typeof at !== 'object' || at === null) return undefined;
  const entry = at as { message?: unknown; root?: { message?: unknown } };
  const message = entry.message ?? entry.root?.message;
  return typeof message === 'string' ? message : undefined;
}
