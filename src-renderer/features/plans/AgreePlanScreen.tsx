import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { agreementMethodLabels, agreementMethods, agreePlanSchema, type CarePlan } from '../../../src-shared/contract';
import { planAgreementProblems } from '../../../src-shared/domain/plan-difference';
import { formatDate, isoDateInLondon } from '../../../src-shared/format';
import type { FieldIssue } from '../../../src-shared/result';
import { invoke } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { useFormDraft } from '../../app/drafts';
import { describedByIds, FieldMessages, Notice } from '../../components/FieldMessages';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios } from '../people/record/form-fields';
import { personName, usePersonRecord } from '../people/record/PersonRecord';
import { AgreementProblems } from './agree-problems';
import { planHref, type PlanNoticeState } from './plan-view-links';
import { isStalePlan, Loading, loadPersonPlan, PlanPage, usePlanVersions } from './plan-view-page';

type AgreeInput = z.input<typeof agreePlanSchema>;
type AgreeOutput = z.output<typeof agreePlanSchema>;
const fields = ['agreedBy', 'representativeName', 'method', 'agreedOn'] as const;
const methodOptions = agreementMethods.map((method) => ({ value: method, label: agreementMethodLabels[method] }));

/**
 * Sign-off: who agreed the draft for the person (they or their representative), how and when;
 * the signed-in member of staff agrees it for the team. A draft missing what a plan must hold is
 * not offered for agreement: the same checks the main process makes are shown first.
 */
export function AgreePlanScreen() {
  const { person } = usePersonRecord();
  const { versions, error: listError, reload } = usePlanVersions(person.id);
  const [draft, setDraft] = useState<CarePlan | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<FieldIssue[] | null>(null);
  const draftSummary = versions?.find((v) => v.status === 'draft');
  const draftId = draftSummary?.id;
  const draftUpdatedAt = draftSummary?.updatedAt;

  // Asked for again when someone saves the draft, so the form always agrees the latest save.
  useEffect(() => {
    if (!draftId) return;
    let live = true;
    void loadPersonPlan(person.id, draftId).then((loaded) => {
      if (!live) return;
      if ('plan' in loaded) setDraft(loaded.plan);
      else setLoadError(loaded.error);
    });
    return () => {
      live = false;
    };
  }, [person.id, draftId, draftUpdatedAt]);

  const reloadDraft = async () => {
    setServerProblems(null);
    setLoadError(null);
    await reload();
  };

  const back = { href: planHref(person.id), text: 'Back to the plan' };
  const error = listError ?? loadError;
  if (error) {
    return (
      <PlanPage title="Agree the plan" back={back} errors={[{ message: error }]}>
        <p>
          <Link href={planHref(person.id)}>Go back to the plan</Link>
        </p>
      </PlanPage>
    );
  }
  if (!versions || (draftSummary && draft?.id !== draftSummary.id)) {
    return (
      <PlanPage title="Agree the plan" back={back}>
        <Loading what="Opening the draft plan…" />
      </PlanPage>
    );
  }
  if (!draftSummary || !draft) {
    return (
      <PlanPage title="Agree the plan" back={back}>
        <p>There is no draft plan to agree. It may have been agreed or discarded since you opened it.</p>
        <p>
          <Link href={planHref(person.id)}>Go to the plan</Link>
        </p>
      </PlanPage>
    );
  }

  const problems = serverProblems ?? planAgreementProblems(draft.content, isoDateInLondon(new Date()));
  if (problems.length > 0) {
    return (
      <PlanPage title="Agree the plan" back={back} summary={<AgreementProblems personId={person.id} problems={problems} />}>
        <p>Version {draft.version} of {personName(person)}&apos;s plan cannot be agreed until these are put right in the draft.</p>
        <div className="nhsuk-button-group">
          <Link className="nhsuk-button" href={planHref(person.id, '/edit')}>
            Edit the draft plan
          </Link>
          <Link className="nhsuk-link" href={planHref(person.id)}>
            Back to the plan
          </Link>
        </div>
      </PlanPage>
    );
  }
  return <AgreeForm draft={draft} onReload={reloadDraft} onNotReady={setServerProblems} />;
}

interface AgreeFormProps {
  draft: CarePlan;
  onReload: () => Promise<void>;
  /** The main process found the plan not ready after all (someone changed it meanwhile). */
  onNotReady: (problems: FieldIssue[]) => void;
}

function AgreeForm({ draft, onReload, onNotReady }: AgreeFormProps) {
  const { person } = usePersonRecord();
  const { status } = useAppState();
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const teamMember = status?.state === 'signed-in' ? status.user.fullName : '';
  const representative = person.contacts.find((contact) => contact.role === 'representative');

  const form = useForm<AgreeInput, unknown, AgreeOutput>({
    resolver: zodResolver(agreePlanSchema),
    defaultValues: { planId: draft.id, rowVersion: draft.rowVersion, representativeName: representative?.name ?? '', agreedOn: isoDateInLondon(new Date()) },
  });
  const { register, handleSubmit, formState, setError, setValue, control } = form;
  const { errors, isSubmitting } = formState;
  const agreedBy = useWatch({ control, name: 'agreedBy' });
  const typed = useFormDraft(`plan:${draft.id}:agree`, form, { notRestored: ['planId', 'rowVersion'] });

  // A reload brings the draft's latest save; the agreement is for that one.
  useEffect(() => {
    setValue('rowVersion', draft.rowVersion);
  }, [draft.rowVersion, setValue]);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setStale(false);
    const result = await invoke('plans.agree', values);
    if (result.ok) {
      await typed.discard();
      const state: PlanNoticeState = { notice: `Version ${result.value.version} of the plan is agreed.` };
      navigate(planHref(person.id), { state });
      return;
    }
    if (isStalePlan(result.error)) {
      setStale(true);
      setFormMessage(result.error.message);
      return;
    }
    // Anything refused that is not one of this form's answers is about the plan itself.
    const problems = (result.error.issues ?? []).filter((issue) => !fields.some((field) => field === issue.path));
    if (problems.length > 0) return onNotReady(problems);
    setFormMessage(applyServerError(result.error, fields, setError));
  });

  const reload = async () => {
    await onReload();
    setStale(false);
    setFormMessage(null);
  };

  const agreedById = 'agreedBy';
  const agreedByError = errors.agreedBy?.message;
  return (
    <PlanPage
      title="Agree the plan"
      back={{ href: planHref(person.id), text: 'Back to the plan' }}
      errors={summaryErrors(errors, fields, formMessage)}
      onReload={stale ? () => void reload() : undefined}
    >
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {typed.restoredAt ? <Notice>We kept what you had typed before PlanWell locked. Check it and agree the plan when ready.</Notice> : null}
          <p>
            You are recording that version {draft.version} of {personName(person)}&apos;s plan has been agreed. Once agreed it cannot be changed: any
            change starts a new version.
          </p>
          <p>
            <Link href={planHref(person.id, '', { version: draft.id })}>Read the draft plan (version {draft.version})</Link> before you agree it. Its
            review date is {formatDate(draft.content.reviewDate)}.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <div className={`nhsuk-form-group${agreedByError ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby={describedByIds(agreedById, null, agreedByError)}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who agreed the plan for {person.givenName}?</legend>
                <FieldMessages id={agreedById} error={agreedByError} />
                <div className="nhsuk-radios nhsuk-radios--conditional">
                  <div className="nhsuk-radios__item">
                    <input className="nhsuk-radios__input" id={agreedById} type="radio" value="person" {...register('agreedBy')} />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={agreedById}>
                      The person
                    </label>
                  </div>
                  <div className="nhsuk-radios__item">
                    <input className="nhsuk-radios__input" id={`${agreedById}-representative`} type="radio" value="representative" {...register('agreedBy')} />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${agreedById}-representative`}>
                      Their representative
                    </label>
                  </div>
                  {agreedBy === 'representative' ? (
                    // Asked only when it applies, right under the choice that needs it.
                    <div className="nhsuk-radios__conditional">
                      <TextField
                        id="representativeName"
                        label="Representative’s full name"
                        hint={representative ? `${representative.name} is recorded as their representative` : undefined}
                        autoComplete="off"
                        spellCheck={false}
                        error={errors.representativeName?.message}
                        registration={register('representativeName')}
                      />
                    </div>
                  ) : null}
                </div>
              </fieldset>
            </div>
            <Radios id="method" legend="How was it agreed?" options={methodOptions} error={errors.method?.message} registration={register('method')} />
            <TextField id="agreedOn" type="date" label="Date agreed" hint="For example, 24 11 2026" width={10} error={errors.agreedOn?.message} registration={register('agreedOn')} />
            <h2 className="nhsuk-heading-s">For the team</h2>
            <p>
              The plan will be recorded as agreed for the team by <strong>{teamMember}</strong> (you).
            </p>
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
                Agree the plan
              </button>
              <Link className="nhsuk-link" href={planHref(person.id)} onClick={() => void typed.discard()}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </PlanPage>
  );
}
