import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  connectionKindLabels,
  connectionOutcomeLabels,
  connectionOutcomes,
  connectionOutcomeSchema,
  type Connection,
  type ConnectionOutcomeInput,
} from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary';
import { Notice } from '../../components/FieldMessages';
import { applyServerError, errorAt, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { MultilineText } from '../people/record/MultilineText';
import { Radios } from '../people/record/form-fields';
import { Row, SummaryList } from '../plans/plan-view-document';
import { today } from '../reviews/review-words';

type OutcomeOutput = z.output<typeof connectionOutcomeSchema>;

const outcomeOptions = connectionOutcomes.map((outcome) => ({ value: outcome, label: connectionOutcomeLabels[outcome] }));
const fields = ['outcome', 'outcomeOn'] as const;

/** "Attended (12 May 2026)", or "Not known yet". */
export function outcomeWords(connection: Pick<Connection, 'outcome' | 'outcomeOn'>): string {
  return `${connectionOutcomeLabels[connection.outcome]}${connection.outcomeOn ? ` (${formatDate(connection.outcomeOn)})` : ''}`;
}

/**
 * One connection to support: where, how, when, and what came of it. Those who may write, while
 * the referral is open, record what happened.
 */
export function ConnectionCard({ connection, number, writable, onChanged }: { connection: Connection; number: number; writable: boolean; onChanged: (connection: Connection) => void }) {
  return (
    <section className="nhsuk-card" aria-labelledby={`connection-${number}-heading`}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading" id={`connection-${number}-heading`}>
          {connection.entryName}
        </h3>
        <SummaryList>
          <Row label="Type of support">{connection.categoryLabel}</Row>
          <Row label="How">{connectionKindLabels[connection.kind]}</Row>
          <Row label="Date">{formatDate(connection.connectedOn)}</Row>
          {connection.note ? (
            <Row label="Note">
              <MultilineText text={connection.note} />
            </Row>
          ) : null}
          <Row label="What happened">{outcomeWords(connection)}</Row>
          <Row label="Recorded by">{connection.recordedByName ?? 'Unknown'}</Row>
        </SummaryList>
        {writable ? <OutcomeForm connection={connection} number={number} onChanged={onChanged} /> : null}
      </div>
    </section>
  );
}

function OutcomeForm({ connection, number, onChanged }: { connection: Connection; number: number; onChanged: (connection: Connection) => void }) {
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ConnectionOutcomeInput, unknown, OutcomeOutput>({
    resolver: zodResolver(connectionOutcomeSchema),
    defaultValues: { connectionId: connection.id, rowVersion: connection.rowVersion, outcome: connection.outcome, outcomeOn: connection.outcomeOn ?? today() },
    reValidateMode: 'onSubmit',
  });
  const { errors, isSubmitting } = formState;
  /** Ids of their own: each connection has a form. */
  const fieldId = (field: (typeof fields)[number]) => `connection-${number}-${field}`;
  const summary: SummaryError[] = summaryErrors(errors, fields, formMessage, fieldId);

  const submit = handleSubmit(async (values) => {
    setFormMessage(null);
    setNotice(null);
    const result = await invoke('connections.setOutcome', { ...values, rowVersion: connection.rowVersion });
    if (!result.ok) {
      setFormMessage(applyServerError(result.error, fields, setError));
      return;
    }
    setNotice(`Saved: ${result.value.entryName}, ${outcomeWords(result.value).toLowerCase()}.`);
    onChanged(result.value);
  });

  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Record what happened<span className="nhsuk-u-visually-hidden"> at {connection.entryName}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <ErrorSummary errors={summary} />
        {notice ? <Notice>{notice}</Notice> : null}
        <form noValidate onSubmit={(event) => void submit(event)} aria-label={`What happened at ${connection.entryName}`}>
          <Radios id={fieldId('outcome')} legend="What happened?" error={errorAt(errors, 'outcome')} options={outcomeOptions} registration={register('outcome')} />
          <TextField
            id={fieldId('outcomeOn')}
            type="date"
            width={10}
            label="Date"
            hint={`When you heard, on or after ${formatDate(connection.connectedOn)}`}
            error={errorAt(errors, 'outcomeOn')}
            registration={register('outcomeOn')}
          />
          <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={isSubmitting}>
            Save what happened
          </button>
        </form>
      </div>
    </details>
  );
}
