import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type DefaultValues } from 'react-hook-form';
import { useLocation } from 'wouter';
import type { z } from 'zod';
import {
  referralConsentLabels,
  referralConsents,
  referralSchema,
  referralSourceLabels,
  referralSources,
  referralUrgencies,
  referralUrgencyLabels,
  type ReferralInput,
} from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import { Checkboxes } from '../../components/Checkboxes';
import type { SummaryError } from '../../components/ErrorSummary';
import { SaveOrCancel } from '../../components/SaveOrCancel';
import { RestoredDraftNotice, SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, TextArea } from '../people/record/form-fields';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import type { PlanNoticeState } from '../plans/plan-view-links';
import { today } from '../reviews/review-words';
import { Loading, ReferralPage } from './referral-parts';
import { useSocialPrescribingOptions } from './directory-options';
import { referralHref } from './referral-words';

type ReferralOutput = z.output<typeof referralSchema>;

/** The form's fields in page order: ids are the field names, so the error summary links to them. */
const fields = ['referredOn', 'source', 'referrerName', 'reasons', 'otherReason', 'urgency', 'consent', 'notes'] as const;

const sourceOptions = referralSources.map((source) => ({ value: source, label: referralSourceLabels[source] }));
const urgencyOptions = referralUrgencies.map((urgency) => ({ value: urgency, label: referralUrgencyLabels[urgency] }));
const consentOptions = referralConsents.map((consent) => ({ value: consent, label: referralConsentLabels[consent] }));

function emptyReferral(personId: string): DefaultValues<ReferralInput> {
  // Choices start unchosen, so nothing is recorded that nobody chose.
  return { personId, referredOn: today(), referrerName: '', reasons: [], otherReason: '', notes: '' };
}

/** A social prescribing referral received for the person: who referred them, why, how urgently, and whether they agreed. */
export function NewReferralScreen() {
  const { person } = usePersonRecord();
  const { options, error: optionsError } = useSocialPrescribingOptions();
  const back = { href: personHref(person.id), text: `Back to ${personName(person)}'s record` };
  const title = 'Record a social prescribing referral';

  if (person.status === 'closed') {
    return (
      <ReferralPage title={title} back={back}>
        <p>Their record is closed. Reopen it before recording a referral.</p>
      </ReferralPage>
    );
  }
  if (!options) {
    return (
      <ReferralPage title={title} back={back} errors={optionsError ? [{ message: optionsError }] : []}>
        {optionsError ? null : <Loading what="Opening the form…" />}
      </ReferralPage>
    );
  }
  return <NewReferralForm title={title} back={back} reasons={options.reasons.map((reason) => ({ value: reason.key, label: reason.label }))} />;
}

function NewReferralForm({ title, back, reasons }: { title: string; back: { href: string; text: string }; reasons: { value: string; label: string }[] }) {
  const { person } = usePersonRecord();
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const form = useForm<ReferralInput, unknown, ReferralOutput>({
    resolver: zodResolver(referralSchema),
    defaultValues: emptyReferral(person.id),
    // Errors change when the form is sent again: a changed error summary takes the focus.
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, setError, watch, formState } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(person.id, 'referral-new'), form, { notRestored: ['personId'] });
  const chosenReasons = watch('reasons');
  const otherChosen = Array.isArray(chosenReasons) && chosenReasons.includes('other');

  const summary: SummaryError[] = summaryErrors(errors, fields, formMessage);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('referrals.create', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    await draft.discard();
    const state: PlanNoticeState = { notice: 'Referral recorded.' };
    navigate(referralHref(person.id, result.value.id), { state });
  });

  return (
    <ReferralPage title={title} back={back} errors={summary}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RestoredDraftNotice restoredAt={draft.restoredAt} />
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="referredOn" type="date" width={10} label="Date of the referral" hint="The day it was made: today or earlier" error={errorAt(errors, 'referredOn')} registration={register('referredOn')} />
            <Radios id="source" legend="Who made the referral?" error={errorAt(errors, 'source')} options={sourceOptions} registration={register('source')} />
            <TextField
              id="referrerName"
              label="Name of the person who referred them (optional)"
              hint="For example, Dr Patel or the carers’ centre"
              autoComplete="off"
              error={errorAt(errors, 'referrerName')}
              registration={register('referrerName')}
            />
            <Checkboxes id="reasons" legend="Why were they referred?" hint="Choose all that apply" error={errorAt(errors, 'reasons')} options={reasons} registration={register('reasons')} />
            {otherChosen ? (
              // Asked only when "Other" is ticked, straight after the reasons.
              <div className="nhsuk-checkboxes__conditional">
                <TextArea id="otherReason" label="What is the other reason?" rows={2} error={errorAt(errors, 'otherReason')} registration={register('otherReason')} />
              </div>
            ) : null}
            <Radios id="urgency" legend="How urgent is it?" error={errorAt(errors, 'urgency')} options={urgencyOptions} registration={register('urgency')} />
            <Radios
              id="consent"
              legend="Did they agree to be referred?"
              hint="If nobody asked them, ask at your first conversation and record it when the referral is accepted"
              error={errorAt(errors, 'consent')}
              options={consentOptions}
              registration={register('consent')}
            />
            <TextArea id="notes" label="Notes (optional)" hint="What the referrer said, and anything to know before the first contact" error={errorAt(errors, 'notes')} registration={register('notes')} />
            <SaveOrCancel label="Record the referral" submitting={isSubmitting} cancelHref={back.href} onCancel={() => void draft.discard()} />
          </form>
          <SaveStatus status={draft.status} />
        </div>
      </div>
    </ReferralPage>
  );
}
