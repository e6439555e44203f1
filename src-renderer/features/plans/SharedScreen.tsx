import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { planTextSections, type CarePlan, type ConversationGuide, type NoteDestination, type PlanContent, type PlanTextSection } from '../../../src-shared/contract';
import { formatDate } from '../../../src-shared/format';
import { invoke } from '../../api/client';
import { Main } from '../../app/Main';
import { usePageTitle } from '../../components/PageTitle';
import { CommunicationFlag } from '../people/record/CommunicationFlag';
import { MultilineText } from '../people/record/MultilineText';
import { personHref, personName, usePersonRecord } from '../people/record/PersonRecord';
import { noteAsWritten } from './conversation-notes';
import { useGuideStep } from './conversation-steps';
import { planDraftKey, readableDraftContent, useCurrentDraftPlan } from './plan-draft';
import { guideFor, useGuides } from './plan-draft-page';
import { useHighContrast } from './shared-high-contrast';
import './shared-screen.scss';

/**
 * The screen turned towards the person while the plan is made with them: large text, plain words,
 * nothing but the step being talked about and what has been written for it. No NHS number, no
 * codes, nothing about anyone else.
 */
export function SharedScreen() {
  const { person } = usePersonRecord();
  const { current } = useCurrentDraftPlan(person.id);
  const { guides, message } = useGuides();
  usePageTitle(`Shared screen – ${personName(person)}`);

  if (current.state === 'ready' && guides) {
    const guide = guideFor(guides, current.plan.guideCode);
    if (guide && guide.steps.length > 0) return <Shared key={current.plan.id} plan={current.plan} guide={guide} />;
  }
  const waiting = current.state === 'loading' || (!guides && !message);
  return (
    <SharedPage>
      <h1>Your plan</h1>
      {waiting ? (
        <p role="status">Opening your plan…</p>
      ) : (
        <>
          <p>{current.state === 'failed' ? current.message : (message ?? 'There is no plan being written at the moment.')}</p>
          <p>
            <Link href={personHref(person.id, '/plan/conversation')}>Back to the conversation</Link>
          </p>
        </>
      )}
    </SharedPage>
  );
}

/** The large-text page and its high contrast switch, which stays on for the next time. */
function SharedPage({ children, controls }: { children: ReactNode; controls?: ReactNode }) {
  const [highContrast, setHighContrast] = useHighContrast();
  return (
    <Main>
      <div className="app-shared-screen">
        <div className="app-shared-screen__controls">
          {controls}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" aria-pressed={highContrast} onClick={() => setHighContrast(!highContrast)}>
            High contrast<span aria-hidden="true">{highContrast ? ': on' : ': off'}</span>
          </button>
        </div>
        {children}
      </div>
    </Main>
  );
}

function Shared({ plan, guide }: { plan: CarePlan; guide: ConversationGuide }) {
  const { person } = usePersonRecord();
  const { stepNumber, showStep } = useGuideStep(guide.steps.length, '/shared');
  const step = guide.steps[stepNumber - 1] ?? guide.steps[0]!;
  const content = useContentAsTyped(plan);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(stepNumber);

  // Moving to another step is a new page to a screen reader: its heading is where reading starts.
  useEffect(() => {
    if (shownStep.current === stepNumber) return;
    shownStep.current = stepNumber;
    heading.current?.focus();
  }, [stepNumber]);

  const notes = content.notes.filter((note) => note.step === step.title);
  return (
    <SharedPage
      controls={
        <Link className="nhsuk-back-link app-shared-screen__back" href={personHref(person.id, `/plan/conversation?step=${stepNumber}`)}>
          Back to the conversation
        </Link>
      }
    >
      <p className="app-shared-screen__where">
        {person.preferredName || person.givenName}&apos;s plan · Part {stepNumber} of {guide.steps.length}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {step.title}
      </h1>
      <CommunicationFlag needs={person.communicationNeeds} notes={person.communicationNotes} />
      <h2>We are asking</h2>
      <ul className="app-shared-screen__questions">
        {step.prompts.map((prompt) => (
          <li key={prompt}>{prompt}</li>
        ))}
      </ul>
      <h2>What we have written so far</h2>
      <WrittenSoFar content={content} section={step.section} />
      {notes.length > 0 ? (
        <>
          <h2>What you have told us</h2>
          <ul className="app-shared-screen__notes">
            {notes.map((note) => (
              <li key={note.id}>
                <MultilineText text={noteAsWritten(note)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="app-shared-screen__steps">
        {stepNumber > 1 ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => showStep(stepNumber - 1)}>
            Previous part
          </button>
        ) : null}
        {stepNumber < guide.steps.length ? (
          <button type="button" className="nhsuk-button" onClick={() => showStep(stepNumber + 1)}>
            Next part
          </button>
        ) : null}
      </div>
    </SharedPage>
  );
}

/** The plan as typed so far: the worker's own draft when it is newer than the saved plan. */
function useContentAsTyped(plan: CarePlan): PlanContent {
  const [content, setContent] = useState<PlanContent>(plan.content);
  useEffect(() => {
    let live = true;
    void invoke('drafts.get', { key: planDraftKey(plan) }).then((result) => {
      if (live && result.ok && result.value && result.value.savedAt > plan.updatedAt) setContent(readableDraftContent(result.value.values, plan.content));
    });
    return () => {
      live = false;
    };
  }, [plan]);
  return content;
}

function isTextSection(section: NoteDestination): section is PlanTextSection {
  return (planTextSections as readonly string[]).includes(section);
}

/** A section's words in short paragraphs; goals, actions and risks as plain sentences. */
function WrittenSoFar({ content, section }: { content: PlanContent; section: NoteDestination }) {
  if (isTextSection(section)) {
    const paragraphs = content[section].split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
    if (paragraphs.length === 0) return <p>Nothing yet.</p>;
    return (
      <>
        {paragraphs.map((paragraph, index) => (
          // Paragraphs have no identity of their own; their position is their key.
          <p key={index}>
            <MultilineText text={paragraph} />
          </p>
        ))}
      </>
    );
  }
  const items: { id: string; main: string; more: string[] }[] =
    section === 'goals'
      ? content.goals.map((goal) => ({
          id: goal.id,
          main: goal.outcome,
          more: [goal.howWeWillKnow && `We will know because: ${goal.howWeWillKnow}`, goal.byWhen && `By ${formatDate(goal.byWhen)}`, goal.steps && `Steps: ${goal.steps}`],
        }))
      : section === 'actions'
        ? content.actions.map((action) => ({ id: action.id, main: action.action, more: [action.who && `Who: ${action.who}`, action.when && `When: ${action.when}`] }))
        : content.risks.map((risk) => ({ id: risk.id, main: risk.risk, more: [risk.management && `What we will do: ${risk.management}`] }));
  if (items.length === 0) return <p>Nothing yet.</p>;
  return (
    <ul className="app-shared-screen__items">
      {items.map((item) => (
        <li key={item.id}>
          <strong>{item.main}</strong>
          {item.more.filter(Boolean).map((line) => (
            <span className="app-shared-screen__more" key={line}>
              {line}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
