import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useFieldArray, useForm, type FieldError, type Path } from 'react-hook-form';
import { Link } from 'wouter';
import { z } from 'zod';
import { newGuideSchema, noteDestinationLabels, noteDestinations, type ConversationGuide } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { usePageTitle } from '../../components/PageTitle';
import { applyServerError } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Select, TextArea } from '../people/record/form-fields';
import '../plans/plan-views.scss';

/**
 * The form holds a step's prompts as typed, one a line; the contract's own schema checks them
 * once split, so the rules (and their words) are the ones the main process applies.
 */
const guideFormSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    steps: z.array(
      z.object({
        title: z.string(),
        prompts: z.string().transform((text) => text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')),
        section: z.string(),
      }),
    ),
  })
  .pipe(newGuideSchema);
type GuideFormInput = z.input<typeof guideFormSchema>;
type GuideFormOutput = z.output<typeof guideFormSchema>;
type StepField = 'title' | 'prompts' | 'section';
const stepFields: readonly StepField[] = ['title', 'prompts', 'section'];
const stepFieldLabels: Record<StepField, string> = { title: 'title', prompts: 'prompts', section: 'plan section' };

const emptyStep = { title: '', prompts: '', section: '' };
const emptyGuide: GuideFormInput = { name: '', description: '', steps: [emptyStep] };
const maxSteps = 20;
const sectionOptions = [{ value: '', label: 'Choose a section' }, ...noteDestinations.map((destination) => ({ value: destination, label: noteDestinationLabels[destination] }))];

/** Where a step's field is on the page, for the error summary's links. */
const stepFieldId = (index: number, field: StepField) => `steps-${index}-${field}`;

/**
 * A message from a field's error. A prompt too long is reported against that one line
 * (`steps.0.prompts.2`), which the form holds as one text area, so the first such message is used.
 */
function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if ('message' in error && typeof error.message === 'string' && error.message) return error.message;
  const nested = Array.isArray(error) ? error : 'root' in error ? [error.root] : [];
  for (const item of nested) {
    const message = messageOf(item);
    if (message) return message;
  }
  return undefined;
}

/** Conversation guides: the three PlanWell ships and any the practice adds. Guides are data. */
export function GuidesScreen() {
  usePageTitle('Conversation guides');
  const [guides, setGuides] = useState<ConversationGuide[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('guides.list', {});
    if (result.ok) setGuides(result.value);
    else setLoadError(result.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Main>
      <Link className="nhsuk-back-link" href="/settings">
        Back to settings
      </Link>
      {notice ? <Notice>{notice}</Notice> : null}
      <h1>Conversation guides</h1>
      <p>
        A guide is the steps a worker follows in a conversation about what matters to someone, with prompts to read aloud or adapt. Each step feeds one part of
        the plan.
      </p>
      {loadError ? (
        <p className="nhsuk-error-message" role="alert">
          {loadError}
        </p>
      ) : null}
      {guides ? (
        <ul className="nhsuk-list">
          {guides.map((guide) => (
            <li key={guide.code}>
              <GuideCard guide={guide} />
            </li>
          ))}
        </ul>
      ) : loadError ? null : (
        <p role="status">Loading…</p>
      )}
      <AddGuideForm
        onAdded={async (guide) => {
          setNotice(`“${guide.name}” added. Workers can choose it when they start a conversation.`);
          await load();
        }}
      />
    </Main>
  );
}

function GuideCard({ guide }: { guide: ConversationGuide }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">{guide.name}</h2>
        <p>
          <strong className={`nhsuk-tag ${guide.builtIn ? 'nhsuk-tag--blue' : 'nhsuk-tag--green'}`}>{guide.builtIn ? 'Built into PlanWell' : 'Added by the practice'}</strong>
        </p>
        {guide.description ? <p>{guide.description}</p> : null}
        <h3 className="nhsuk-heading-s">Steps</h3>
        <ol className="nhsuk-list nhsuk-list--number nhsuk-u-margin-bottom-0">
          {guide.steps.map((step, index) => (
            // A guide's steps have no ids; their order is what they are.
            <li key={index}>
              {step.title} <span className="app-plan-empty">(feeds {noteDestinationLabels[step.section]})</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function AddGuideForm({ onAdded }: { onAdded: (guide: ConversationGuide) => Promise<void> }) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const { register, handleSubmit, control, formState, setError, reset, setFocus } = useForm<GuideFormInput, unknown, GuideFormOutput>({
    resolver: zodResolver(guideFormSchema),
    defaultValues: emptyGuide,
  });
  const { errors, isSubmitting } = formState;
  const steps = useFieldArray({ control, name: 'steps' });

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('guides.add', values);
    if (!result.ok) {
      const fields: Path<GuideFormInput>[] = ['name', 'description', 'steps', ...steps.fields.flatMap((_, index) => stepFields.map((field) => `steps.${index}.${field}` as const))];
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    reset(emptyGuide);
    await onAdded(result.value);
  });

  // Focus moves once the steps are drawn again: to the new step's title, so keyboard users carry on
  // there; after a removal (the button pressed is gone) to the step before it.
  const focusStepTitle = (index: number) => setTimeout(() => setFocus(`steps.${index}.title`), 0);
  const addStep = () => {
    steps.append(emptyStep, { shouldFocus: false });
    focusStepTitle(steps.fields.length);
  };
  const removeStep = (index: number) => {
    steps.remove(index);
    focusStepTitle(Math.max(0, index - 1));
  };

  const summary: SummaryError[] = [];
  if (formMessage) summary.push({ message: formMessage });
  const nameError = messageOf(errors.name);
  const descriptionError = messageOf(errors.description);
  const stepsError = messageOf(errors.steps?.root) ?? (errors.steps as FieldError | undefined)?.message;
  if (nameError) summary.push({ fieldId: 'name', message: nameError });
  if (descriptionError) summary.push({ fieldId: 'description', message: descriptionError });
  if (stepsError) summary.push({ fieldId: 'add-step', message: stepsError });
  const stepErrors = steps.fields.map((_, index) =>
    Object.fromEntries(stepFields.map((field) => [field, messageOf(errors.steps?.[index]?.[field])])) as Record<StepField, string | undefined>,
  );
  stepErrors.forEach((fieldErrors, index) => {
    for (const field of stepFields) {
      const message = fieldErrors[field];
      if (message) summary.push({ fieldId: stepFieldId(index, field), message: `Step ${index + 1} ${stepFieldLabels[field]}: ${message}` });
    }
  });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h2>Add a guide</h2>
        <ErrorSummary errors={summary} />
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextField id="name" label="Name of the guide" hint="As workers will see it when they choose a guide" autoComplete="off" error={nameError} registration={register('name')} />
          <TextArea id="description" label="Description (optional)" hint="When to use it, in a sentence or two" rows={2} error={descriptionError} registration={register('description')} />
          {steps.fields.map((step, index) => (
            <fieldset className="nhsuk-fieldset app-guide-step" key={step.id}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Step {index + 1}</legend>
              <TextField id={stepFieldId(index, 'title')} label="Title" hint="For example, What a good day looks like" autoComplete="off" error={stepErrors[index]?.title} registration={register(`steps.${index}.title`)} />
              <TextArea
                id={stepFieldId(index, 'prompts')}
                label="Prompts"
                hint="One prompt on each line, in plain words the person can follow. Up to 12."
                rows={4}
                error={stepErrors[index]?.prompts}
                registration={register(`steps.${index}.prompts`)}
              />
              <Select id={stepFieldId(index, 'section')} label="Part of the plan this step feeds" options={sectionOptions} error={stepErrors[index]?.section} registration={register(`steps.${index}.section`)} />
              {steps.fields.length > 1 ? (
                <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => removeStep(index)}>
                  Remove step {index + 1}
                </button>
              ) : null}
            </fieldset>
          ))}
          {steps.fields.length < maxSteps ? (
            <button type="button" id="add-step" className="nhsuk-button nhsuk-button--secondary" onClick={addStep}>
              Add another step
            </button>
          ) : (
            <p>A guide can have at most {maxSteps} steps.</p>
          )}
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
              Add the guide
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
