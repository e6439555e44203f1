import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { CarePlan, ConversationGuide, PlanVersionSummary } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { isStaleRecord } from '../people/record/record-form';
import { Radios } from '../people/record/form-fields';
import { usePersonRecord } from '../people/record/PersonRecord';
import { PlanDraftPage } from './plan-draft-page';

/** The guide most first conversations use. */
const usualGuideCode = 'what-matters';

interface StartConversationProps {
  guides: readonly ConversationGuide[];
  /** The agreed plan a new draft starts from, if there is one. */
  agreed: PlanVersionSummary | null;
  onStarted: (plan: CarePlan) => void;
  /** Someone else started a draft meanwhile: carry on with theirs. */
  onDraftExists: () => Promise<void>;
}

/** No draft yet: choose a guide and start one. */
export function StartConversation({ guides, agreed, onStarted, onDraftExists }: StartConversationProps) {
  const { person } = usePersonRecord();
  const [problem, setProblem] = useState<{ message: string; aboutGuide: boolean } | null>(null);
  const defaultGuide = guides.some((guide) => guide.code === usualGuideCode) ? usualGuideCode : (guides[0]?.code ?? '');
  const { register, handleSubmit, formState } = useForm<{ guideCode: string }>({ defaultValues: { guideCode: defaultGuide } });

  const start = handleSubmit(async ({ guideCode }) => {
    setProblem(null);
    const result = await invoke('plans.startDraft', { personId: person.id, guideCode });
    if (result.ok) onStarted(result.value);
    else if (isStaleRecord(result.error)) await onDraftExists();
    else {
      const guideIssue = result.error.issues?.find((issue) => issue.path === 'guideCode');
      setProblem(guideIssue ? { message: guideIssue.message, aboutGuide: true } : { message: result.error.message, aboutGuide: false });
    }
  });

  return (
    <PlanDraftPage title="Start a care planning conversation" errors={problem ? [problem.aboutGuide ? { fieldId: 'guideCode', message: problem.message } : { message: problem.message }] : []} stale={false} onReload={() => undefined}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p>
            A conversation guide gives you steps and questions to read aloud or put in your own words. What {person.givenName} says is noted as you
            go and moved into the plan.
          </p>
          {agreed ? (
            <p>
              The new draft starts from the plan agreed{agreed.agreedOn ? ` on ${formatDate(agreed.agreedOn)}` : ''}. That plan stays as it is until
              the new one is agreed.
            </p>
          ) : null}
          <form noValidate onSubmit={(event) => void start(event)}>
            <Radios
              id="guideCode"
              legend="Which conversation guide do you want to use?"
              options={guides.map((guide) => ({ value: guide.code, label: guide.name, ...(guide.description ? { hint: guide.description } : {}) }))}
              error={problem?.aboutGuide ? problem.message : undefined}
              registration={register('guideCode')}
            />
            <button className="nhsuk-button" type="submit" disabled={formState.isSubmitting}>
              Start the conversation
            </button>
          </form>
        </div>
      </div>
    </PlanDraftPage>
  );
}
