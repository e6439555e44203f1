import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLocation } from 'wouter';
import type { z } from 'zod';
import { contactLogSchema, contactTypeLabels, contactTypes, referralStatusLabels, type ContactLogInput, type Referral } from '../../../src-shared/contract';
import { referralIsOpen } from '../../../src-shared/domain/referral-status';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { SaveOrCancel } from '../../components/SaveOrCancel';
import { RestoredDraftNotice, SaveStatus } from '../../components/SaveStatus';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Radios, TextArea } from '../people/record/form-fields';
import { usePersonRecord } from '../people/record/PersonRecord';
import type { PlanNoticeState } from '../plans/plan-view-links';
import { today } from '../reviews/review-words';
import { Loading, ReferralPage, useReferral } from './referral-parts';
import { referralHref, referralTitle } from './referral-words';

type ContactLogOutput = z.output<typeof contactLogSchema>;

const fields = ['contactOn', 'durationMinutes', 'type', 'attendees', 'notes', 'nextStep'] as const;
const typeOptions = contactTypes.map((type) => ({ value: type, label: contactTypeLabels[type] }));
const title = 'Log a contact';

/** A contact with the person about their referral: when, how long, how, who was there, what was said and what happens next. */
export function LogContactScreen({ referralId }: { referralId: string }) {
  const { person } = usePersonRecord();
  const { referral, error } = useReferral(person.id, referralId);
  const back = { href: referralHref(person.id, referralId), text: 'Back to the referral' };
  if (!referral) {
    return (
      <ReferralPage title={title} back={back} errors={error ? [{ message: error }] : []}>
        {error ? null : <Loading what="Opening the referral…" />}
      </ReferralPage>
    );
  }
  if (!referralIsOpen(referral.status)) {
    return (
      <ReferralPage title={title} back={back}>
        <p>This referral is {referralStatusLabels[referral.status].toLowerCase()}: contacts cannot be added to it. Record a new referral if they come back to social prescribing.</p>
      </ReferralPage>
    );
  }
  return <LogContactForm referral={referral} back={back} />;
}

function LogContactForm({ referral, back }: { referral: Referral; back: { href: string; text: string } }) {
  const { person } = usePersonRecord();
  const [, navigate] = useLocation();
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const form = useForm<ContactLogInput, unknown, ContactLogOutput>({
    resolver: zodResolver(contactLogSchema),
    defaultValues: { referralId: referral.id, contactOn: today(), attendees: '', notes: '', nextStep: '' },
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(person.id, `referral-${referral.id}-contact`), form, { notRestored: ['referralId'] });

  const summary: SummaryError[] = summaryErrors(errors, fields, formMessage);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    const result = await invoke('referrals.logContact', values);
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    await draft.discard();
    // The first contact with a new referral marks it contacted (the main process does it).
    const state: PlanNoticeState = { notice: referral.status === 'new' ? 'Contact logged. The referral is now contacted.' : 'Contact logged.' };
    navigate(referralHref(person.id, referral.id), { state });
  });

  return (
    <ReferralPage title={title} back={back} errors={summary}>
      <p className="nhsuk-body-l">{referralTitle(referral)}</p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RestoredDraftNotice restoredAt={draft.restoredAt} />
          <form noValidate onSubmit={(event) => void submit(event)}>
            <TextField id="contactOn" type="date" width={10} label="Date of the contact" hint="Today or earlier" error={errorAt(errors, 'contactOn')} registration={register('contactOn')} />
            <TextField
              id="durationMinutes"
              label="How long it took, in minutes"
              hint="Including travel for a home visit"
              width={4}
              inputMode="numeric"
              autoComplete="off"
              error={errorAt(errors, 'durationMinutes')}
              registration={register('durationMinutes', { valueAsNumber: true })}
            />
            <Radios id="type" legend="Type of contact" error={errorAt(errors, 'type')} options={typeOptions} registration={register('type')} />
            <TextField id="attendees" label="Who attended (optional)" hint="For example, the person and their daughter" autoComplete="off" error={errorAt(errors, 'attendees')} registration={register('attendees')} />
            <TextArea id="notes" label="Notes (optional)" hint="In the person’s words where they are" rows={6} error={errorAt(errors, 'notes')} registration={register('notes')} />
            <TextArea id="nextStep" label="Next step (optional)" hint="What happens next, and who does it" rows={3} error={errorAt(errors, 'nextStep')} registration={register('nextStep')} />
            <SaveOrCancel label="Log the contact" submitting={isSubmitting} cancelHref={back.href} onCancel={() => void draft.discard()} />
          </form>
          <SaveStatus status={draft.status} />
        </div>
      </div>
    </ReferralPage>
  );
}
