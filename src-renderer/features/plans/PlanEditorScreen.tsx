import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { CarePlan, PlanTextSection } from '../../../src-shared/contract';
import { SaveStatus } from '../../components/SaveStatus';
import { TextField } from '../../components/TextField';
import { MultilineText } from '../people/record/MultilineText';
import { personHref, usePersonRecord } from '../people/record/PersonRecord';
import { recordSummaryErrors } from '../people/record/record-form';
import { noteAsWritten } from './conversation-notes';
import { ActionsFields, editorFieldPaths, editorSummaryErrors, GoalsFields, RisksFields, SectionTextArea } from './editor-fields';
import { usePlanForm, useCurrentDraftPlan } from './plan-draft';
import { PlanDraftPage, PlanMessage, RestoredNotice, TypedBeforeReload } from './plan-draft-page';
import './editor.scss';

const title = 'Draft care and support plan';

/** The whole draft plan, section by section, in the order it is read. Agreed versions are never edited. */
export function PlanEditorScreen() {
  const { person } = usePersonRecord();
  const { current, replace } = useCurrentDraftPlan(person.id);
  if (current.state === 'failed') return <PlanMessage title={title} message={current.message} />;
  if (current.state === 'loading') return <PlanMessage title={title} message="Opening their plan…" busy />;
  if (current.state === 'none') return <NoDraft />;
  return <PlanEditor key={current.plan.id} plan={current.plan} replacePlan={replace} />;
}

function NoDraft() {
  const { person } = usePersonRecord();
  return (
    <PlanDraftPage title="There is no draft plan to change" errors={[]} stale={false} onReload={() => undefined}>
      <p>An agreed plan is never changed: changes are made in a new draft, which is agreed in its turn.</p>
      <ul className="nhsuk-list">
        <li>
          <Link href={personHref(person.id, '/plan')}>Go to {person.givenName}&apos;s plan</Link>
        </li>
        <li>
          <Link href={personHref(person.id, '/plan/conversation')}>Start a care planning conversation</Link>
        </li>
      </ul>
    </PlanDraftPage>
  );
}

const sectionHints = {
  aboutMe: 'In their words: who they are, their life, and what a good day looks like.',
  whatMatters: 'What matters most to them now, and what is and is not working.',
  strengths: 'What they are good at, and the people, groups and places that support them.',
  healthAndWellbeing: 'Their health, in body and mind, and what gets in the way of living well.',
  contingency: 'Who to contact and what to do if things go wrong or their support stops suddenly.',
  peopleInvolved: 'Who they want involved in their plan, and how to reach them.',
  consent: 'What they agree to, and who they are happy to share their plan with.',
} satisfies Record<PlanTextSection, string>;

function PlanEditor({ plan, replacePlan }: { plan: CarePlan; replacePlan: (plan: CarePlan) => void }) {
  const { person } = usePersonRecord();
  const [, navigate] = useLocation();
  const planForm = usePlanForm(plan, replacePlan, () => editorFieldPaths(planForm.form.getValues()));
  const { form, draft } = planForm;
  const { register, handleSubmit, formState, getValues } = form;
  const { errors, isSubmitting } = formState;
  const [confirmation, setConfirmation] = useState('');
  const details = plan.recordDetails;
  const notes = plan.content.notes;

  const save = (then: 'stay' | 'agree') =>
    handleSubmit(async (content) => {
      setConfirmation('');
      const { outcome } = await planForm.savePlan(content);
      if (outcome !== 'saved') return;
      if (then === 'agree') navigate('/agree');
      else setConfirmation('Draft plan saved. The team can now see it.');
    });

  return (
    <PlanDraftPage
      title={`${title} (version ${plan.version})`}
      errors={recordSummaryErrors(editorSummaryErrors(errors, getValues()), planForm.formMessage, planForm.stale)}
      stale={planForm.stale}
      onReload={() => void planForm.reload()}
    >
      <div className="nhsuk-grid-row app-plan-editor">
        <div className="nhsuk-grid-column-two-thirds">
          <RestoredNotice restoredAt={draft.restoredAt} />
          {planForm.replacedByReload ? <TypedBeforeReload typed={planForm.replacedByReload} now={getValues()} onDismiss={planForm.dismissReplaced} /> : null}
          <p>
            Everything you type is kept for you as you go. <strong>Save draft plan</strong> when you want the team to see it.
          </p>
          {notes.length > 0 ? (
            <div className="nhsuk-inset-text">
              <h2 className="nhsuk-heading-s">Conversation notes not yet in the plan</h2>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {notes.map((note) => (
                  <li key={note.id}>
                    {note.step ? `${note.step}: ` : ''}
                    <MultilineText text={noteAsWritten(note)} />
                  </li>
                ))}
              </ul>
              <p>
                <Link href={personHref(person.id, '/plan/conversation')}>Move them into the plan from the conversation</Link>
              </p>
            </div>
          ) : null}

          <form noValidate onSubmit={(event) => void save('stay')(event)}>
            <SectionTextArea section="aboutMe" hint={sectionHints.aboutMe} error={errors.aboutMe?.message} registration={register('aboutMe')} />
            <SectionTextArea section="whatMatters" hint={sectionHints.whatMatters} error={errors.whatMatters?.message} registration={register('whatMatters')} />
            <SectionTextArea section="strengths" hint={sectionHints.strengths} error={errors.strengths?.message} registration={register('strengths')} />
            <SectionTextArea section="healthAndWellbeing" hint={sectionHints.healthAndWellbeing} error={errors.healthAndWellbeing?.message} registration={register('healthAndWellbeing')} />
            <GoalsFields form={form} />
            <ActionsFields form={form} />
            <RisksFields form={form} />
            <SectionTextArea section="contingency" hint={sectionHints.contingency} error={errors.contingency?.message} registration={register('contingency')} />

            <section className="app-plan-section" aria-labelledby="communication-heading">
              <h2 className="nhsuk-heading-m" id="communication-heading">
                My communication and accessible-information needs
              </h2>
              <p className="nhsuk-hint">From {person.givenName}&apos;s record. The plan is shared with them in the way they need.</p>
              {details.communicationNeeds.length > 0 || details.communicationNotes ? (
                <>
                  {details.communicationNeeds.length > 0 ? (
                    <ul className="nhsuk-list nhsuk-list--bullet">
                      {details.communicationNeeds.map((need) => (
                        <li key={need}>{need}</li>
                      ))}
                    </ul>
                  ) : null}
                  {details.communicationNotes ? (
                    <p>
                      <MultilineText text={details.communicationNotes} />
                    </p>
                  ) : null}
                </>
              ) : (
                <p>None recorded.</p>
              )}
              <p>
                <Link href={personHref(person.id, '/communication')}>Change their communication needs on their record</Link>
              </p>
            </section>

            <SectionTextArea section="peopleInvolved" hint={sectionHints.peopleInvolved} error={errors.peopleInvolved?.message} registration={register('peopleInvolved')}>
              <RecordFacts title="On their record">
                {details.contacts.length > 0 ? (
                  <ul className="nhsuk-list nhsuk-list--bullet">
                    {details.contacts.map((contact) => (
                      <li key={`${contact.name}/${contact.role}`}>
                        {contact.name} ({[contact.role.toLowerCase(), contact.relationship].filter(Boolean).join(', ')})
                        {contact.mayReceivePlan ? ' – may receive a copy of the plan' : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>No one is recorded as being around them.</p>
                )}
              </RecordFacts>
            </SectionTextArea>

            <SectionTextArea section="consent" hint={sectionHints.consent} error={errors.consent?.message} registration={register('consent')}>
              <RecordFacts title="Their sharing choices on their record">
                <p>{details.sharingPreferences ? <MultilineText text={details.sharingPreferences} /> : 'Not recorded.'}</p>
              </RecordFacts>
            </SectionTextArea>

            <h2 className="nhsuk-heading-m">Review</h2>
            <TextField
              id="reviewDate"
              type="date"
              label="Review date"
              hint="When you will look at the plan together again, for example 31 3 2027"
              width={10}
              error={errors.reviewDate?.message}
              registration={register('reviewDate')}
            />

            <h2 className="nhsuk-heading-m">Agreement</h2>
            <p>
              When {person.givenName} agrees with the plan, record how they agreed it. The plan needs what matters to them, at least one goal and a
              review date.
            </p>
            <p className="app-plan-confirmation" role="status">
              {confirmation}
            </p>
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" disabled={isSubmitting || planForm.saving}>
                Save draft plan
              </button>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={isSubmitting || planForm.saving} onClick={(event) => void save('agree')(event)}>
                Agree this plan
              </button>
            </div>
          </form>
        </div>
      </div>
      {/* Kept in sight at the foot of the window while the long form is typed in. */}
      <div className="app-plan-editor__status">
        <SaveStatus status={draft.status} />
      </div>
    </PlanDraftPage>
  );
}

/** Facts from the person's record, shown beside the section they inform; changed on the record, not here. */
function RecordFacts({ title: factsTitle, children }: { title: string; children: ReactNode }) {
  return (
    <div className="app-record-facts">
      <h3 className="nhsuk-heading-xs">{factsTitle}</h3>
      {children}
    </div>
  );
}
