import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { recordSpendSchema, type Budget, type BudgetSummary } from '../../../src-shared/contract';
import { formatPence, isoDateInLondon } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { personDraftKey, useFormDraft } from '../../app/drafts';
import type { SummaryError } from '../../components/ErrorSummary';
import { describedByIds, FieldMessages } from '../../components/FieldMessages';
import { SaveStatus } from '../../components/SaveStatus';
import { applyServerError, summaryErrors } from '../../components/server-errors';
import { TextField } from '../../components/TextField';
import { Select } from '../people/record/form-fields';
import { penceOrNaN } from '../../../src-shared/domain/money-text';
import { MoneyField } from './MoneyField';
import { readReceipt, receiptProblem } from './receipt-file';

/** What is typed; the amount as text, turned into pence by reading its digits. The receipt is a file, outside the form. */
interface PaymentFormValues {
  personId: string;
  itemId: string;
  spentOn: string;
  amountPence: string;
  payee: string;
  reference: string;
}

/** The contract's own schema checks the payment, so its rules and words are the main process's. */
const paymentFormSchema = z.custom<PaymentFormValues>((value) => typeof value === 'object' && value !== null).transform((values, ctx) => {
  const parsed = recordSpendSchema.safeParse({ ...values, amountPence: penceOrNaN(values.amountPence), receipt: null });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: undefined });
  return z.NEVER;
});

const fields = ['itemId', 'spentOn', 'amountPence', 'payee', 'reference'] as const;
export const receiptFieldId = 'receipt';

const blankPayment = (personId: string): PaymentFormValues => ({ personId, itemId: '', spentOn: isoDateInLondon(new Date()), amountPence: '', payee: '', reference: '' });

interface RecordPaymentFormProps {
  personId: string;
  budget: Budget;
  onRecorded: (summary: BudgetSummary, notice: string) => void;
  /** This form's problems, for the page's error summary. */
  onErrors: (errors: SummaryError[]) => void;
}

/**
 * A payment from the budget: which support it paid for, when, how much, to whom, a reference and
 * a receipt (a photo or PDF, kept inside the encrypted database). A receipt over 5 MB is refused
 * here, before anything is sent.
 */
export function RecordPaymentForm({ personId, budget, onRecorded, onErrors }: RecordPaymentFormProps) {
  const form = useForm<PaymentFormValues, unknown, z.output<typeof paymentFormSchema>>({
    resolver: zodResolver(paymentFormSchema),
    defaultValues: blankPayment(personId),
    // Checked again only when sent: the error summary takes the focus whenever its errors change.
    reValidateMode: 'onSubmit',
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  const { errors, isSubmitting } = formState;
  const draft = useFormDraft(personDraftKey(personId, 'budget-payment'), form);
  const fileInput = useRef<HTMLInputElement>(null);
  /** What is wrong with the chosen receipt now, shown by the field as soon as it is chosen. */
  const [receiptError, setReceiptError] = useState<string | null>(null);
  /** The same, as it was when the form was last sent: the error summary changes only then. */
  const [sentReceiptError, setSentReceiptError] = useState<string | null>(null);
  const [formMessage, setFormMessage] = useState<string | null>(null);

  const itemOptions = [{ value: '', label: 'Choose the support it paid for' }, ...budget.items.map((item) => ({ value: item.id, label: item.description }))];

  const problems = summaryErrors(errors, fields, formMessage);
  if (sentReceiptError) problems.push({ fieldId: receiptFieldId, message: sentReceiptError });
  const signature = JSON.stringify(problems);
  useEffect(() => {
    onErrors(JSON.parse(signature) as SummaryError[]);
  }, [signature, onErrors]);

  const chosenFile = () => fileInput.current?.files?.[0] ?? null;
  const checkChosenFile = () => {
    const file = chosenFile();
    setReceiptError(file ? receiptProblem(file) : null);
  };

  const receiptFailed = (message: string | null) => {
    setReceiptError(message);
    setSentReceiptError(message);
  };

  const send = handleSubmit(async (payment) => {
    setFormMessage(null);
    const file = chosenFile();
    let receipt = null;
    if (file) {
      const read = await readReceipt(file);
      if (!read.ok) {
        receiptFailed(read.message);
        return;
      }
      receipt = read.receipt;
    }
    const result = await invoke('budgets.recordSpend', { ...payment, receipt });
    if (!result.ok) {
      const receiptIssue = result.error.issues?.find((issue) => issue.path === 'receipt' || issue.path.startsWith('receipt.'));
      if (receiptIssue) receiptFailed(receiptIssue.message);
      const others = { ...result.error, issues: result.error.issues?.filter((issue) => issue !== receiptIssue) };
      if (!receiptIssue || (others.issues?.length ?? 0) > 0) setFormMessage(applyServerError(others, fields, setError));
      return;
    }
    const item = budget.items.find((entry) => entry.id === payment.itemId);
    reset(blankPayment(personId));
    await draft.discard();
    if (fileInput.current) fileInput.current.value = '';
    receiptFailed(null);
    onRecorded(result.value, `Payment of ${formatPence(payment.amountPence)} to ${payment.payee}${item ? ` for ${item.description}` : ''} recorded${receipt ? ' with its receipt' : ''}.`);
  });

  /** The receipt's problem (or none) joins the summary with the rest, each time the form is sent. */
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const file = chosenFile();
    setSentReceiptError(file ? receiptProblem(file) : null);
    return send(event);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="record-payment-heading">
      <h2 id="record-payment-heading">Record a payment</h2>
      <Select id="itemId" label="Support it paid for" options={itemOptions} error={errors.itemId?.message} registration={register('itemId')} />
      <TextField id="spentOn" type="date" label="Date of the payment" hint="For example, 3 4 2026" width={10} error={errors.spentOn?.message} registration={register('spentOn')} />
      <MoneyField id="amountPence" label="Amount" hint="For example, 155.00" error={errors.amountPence?.message} registration={register('amountPence')} />
      <TextField id="payee" label="Paid to" hint="The person, agency or shop" autoComplete="off" error={errors.payee?.message} registration={register('payee')} />
      <TextField id="reference" label="Reference (optional)" hint="An invoice or timesheet number, for example" autoComplete="off" width={20} error={errors.reference?.message} registration={register('reference')} />
      <div className={`nhsuk-form-group nhsuk-file-upload${receiptError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={receiptFieldId}>
          Receipt (optional)
        </label>
        <FieldMessages id={receiptFieldId} hint="A photo (PNG or JPEG) or a PDF, up to 5 MB" error={receiptError ?? undefined} />
        <input
          className="nhsuk-file-upload__input"
          id={receiptFieldId}
          name={receiptFieldId}
          type="file"
          accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
          ref={fileInput}
          aria-describedby={describedByIds(receiptFieldId, true, receiptError)}
          aria-invalid={receiptError ? true : undefined}
          onChange={checkChosenFile}
        />
      </div>
      <button className="nhsuk-button" type="submit" disabled={isSubmitting}>
        Record the payment
      </button>
      <SaveStatus status={draft.status} />
    </form>
  );
}
