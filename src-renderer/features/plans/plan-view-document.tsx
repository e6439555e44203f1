import type { ReactNode } from 'react';
import {
  agreementMethodLabels,
  connectionKindLabels,
  connectionOutcomeLabels,
  type CommunitySupport,
  noteDestinationLabels,
  planTextSectionLabels,
  type CarePlan,
  type PlanAction,
  type PlanAgreement,
  type PlanGoal,
  type PlanRisk,
  type PlanTextSection,
} from '../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../src-shared/format';
import { columnHelper, DataTable } from '../../components/DataTable';
import { MultilineText } from '../people/record/MultilineText';

/** How a goal's, action's and risk's parts are named wherever the plan is read or compared. */
export const goalFieldLabels = {
  howWeWillKnow: 'How we will know',
  byWhen: 'By when',
  steps: 'Steps and who helps',
  linkedNeeds: 'Linked needs',
} as const satisfies Partial<Record<keyof PlanGoal, string>>;

const actionColumn = columnHelper<PlanAction>();
const actionColumns = actionColumn.columns([
  actionColumn.accessor('action', { header: 'What will be done', cell: (info) => <MultilineText text={info.getValue()} /> }),
  actionColumn.accessor('who', { header: 'Who', cell: (info) => info.getValue() || <NotWritten /> }),
  actionColumn.accessor('when', { header: 'When', cell: (info) => info.getValue() || <NotWritten /> }),
]);

const supportColumn = columnHelper<CommunitySupport>();
const supportColumns = supportColumn.columns([
  supportColumn.accessor('name', { header: 'Group or service', cell: (info) => `${info.getValue()} (${info.row.original.category.toLowerCase()})` }),
  supportColumn.accessor('kind', { header: 'How', cell: (info) => `${connectionKindLabels[info.getValue()].split(' (')[0] ?? ''}, ${formatDate(info.row.original.connectedOn)}` }),
  supportColumn.accessor('whenItRuns', { header: 'When it runs', cell: (info) => info.getValue() || <NotWritten /> }),
  supportColumn.accessor('outcome', { header: 'Going?', cell: (info) => connectionOutcomeLabels[info.getValue()] }),
]);

const riskColumn = columnHelper<PlanRisk>();
const riskColumns = riskColumn.columns([
  riskColumn.accessor('risk', { header: 'Risk', cell: (info) => <MultilineText text={info.getValue()} /> }),
  riskColumn.accessor('management', { header: 'How we manage it', cell: (info) => (info.getValue() ? <MultilineText text={info.getValue()} /> : <NotWritten />) }),
]);

/**
 * The whole plan, read-only, in the order it is read (PRSB care and support plan sections): what
 * the person wrote, then what their record said about communication, people and sharing, the
 * review date and the agreement.
 */
export function PlanDocument({ plan }: { plan: CarePlan }) {
  const { content, recordDetails } = plan;
  const recordSource = plan.agreement ? 'As their record said when this version was agreed.' : 'As their record says now.';
  const mayReceive = recordDetails.contacts.filter((contact) => contact.mayReceivePlan).map((contact) => contact.name);
  return (
    <>
      <TextSection section="aboutMe" text={content.aboutMe} />
      <TextSection section="whatMatters" text={content.whatMatters} />
      <TextSection section="strengths" text={content.strengths} />
      <TextSection section="healthAndWellbeing" text={content.healthAndWellbeing} />

      <h2>{noteDestinationLabels.goals}</h2>
      {content.goals.length === 0 ? <p className="app-plan-empty">No goals written yet.</p> : null}
      {content.goals.map((goal) => (
        <GoalCard key={goal.id} goal={goal} />
      ))}

      <h2>{noteDestinationLabels.actions}</h2>
      <DataTable
        columns={actionColumns}
        data={content.actions}
        caption="Who does what, and when"
        rowId={(action) => action.id}
        empty={<p className="app-plan-empty">No support or actions written yet.</p>}
      />
      {recordDetails.communitySupport.length > 0 ? (
        <>
          <h3>Community groups and services</h3>
          <p className="nhsuk-body-s app-plan-empty">
            {plan.agreement ? 'Those their link worker had connected them to when this version was agreed.' : 'Those their link worker has connected them to.'}
          </p>
          <DataTable columns={supportColumns} data={recordDetails.communitySupport} caption="Community groups and services" rowId={(support) => `${support.name}-${support.connectedOn}`} />
        </>
      ) : null}

      <h2>{noteDestinationLabels.risks}</h2>
      <DataTable
        columns={riskColumns}
        data={content.risks}
        caption="Risks and how they are managed"
        rowId={(risk) => risk.id}
        empty={<p className="app-plan-empty">No risks written yet.</p>}
      />

      <TextSection section="contingency" text={content.contingency} />

      <h2>How they communicate</h2>
      <p className="nhsuk-body-s app-plan-empty">{recordSource}</p>
      <SummaryList>
        <Row label="Communication needs">
          {recordDetails.communicationNeeds.length > 0 ? <PlainList items={recordDetails.communicationNeeds} /> : 'None recorded'}
        </Row>
        <Row label="Notes">{recordDetails.communicationNotes ? <MultilineText text={recordDetails.communicationNotes} /> : <NotWritten />}</Row>
      </SummaryList>

      <TextSection section="peopleInvolved" text={content.peopleInvolved} />
      <SummaryList>
        <Row label="People around them on their record">
          {recordDetails.contacts.length > 0 ? (
            <PlainList
              items={recordDetails.contacts.map((contact) => `${contact.name} (${contact.role.toLowerCase()}${contact.relationship ? `, ${contact.relationship}` : ''})`)}
            />
          ) : (
            'No one recorded'
          )}
        </Row>
      </SummaryList>

      <TextSection section="consent" text={content.consent} />
      <SummaryList>
        <Row label="Who may see their plan">{recordDetails.sharingPreferences ? <MultilineText text={recordDetails.sharingPreferences} /> : <NotWritten />}</Row>
        <Row label="May receive a copy">{mayReceive.length > 0 ? <PlainList items={mayReceive} /> : 'No one'}</Row>
      </SummaryList>

      <h2>Review</h2>
      <SummaryList>
        <Row label="Review date">{content.reviewDate ? formatDate(content.reviewDate) : <NotWritten text="Not set yet" />}</Row>
      </SummaryList>

      <h2>Agreement</h2>
      {plan.agreement ? <AgreementSummary agreement={plan.agreement} /> : <p>This version has not been agreed yet.</p>}
    </>
  );
}

function TextSection({ section, text }: { section: PlanTextSection; text: string }) {
  return (
    <>
      <h2>{planTextSectionLabels[section]}</h2>
      {text ? (
        <p className="app-plan-text">{text}</p>
      ) : (
        <p>
          <NotWritten text="Nothing written yet" />
        </p>
      )}
    </>
  );
}

function GoalCard({ goal }: { goal: PlanGoal }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s app-plan-text">{goal.outcome}</h3>
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-last-row-border">
          <Row label={goalFieldLabels.howWeWillKnow}>{goal.howWeWillKnow ? <MultilineText text={goal.howWeWillKnow} /> : <NotWritten />}</Row>
          <Row label={goalFieldLabels.byWhen}>{goal.byWhen ? formatDate(goal.byWhen) : <NotWritten />}</Row>
          <Row label={goalFieldLabels.steps}>{goal.steps ? <MultilineText text={goal.steps} /> : <NotWritten />}</Row>
          <Row label={goalFieldLabels.linkedNeeds}>{goal.linkedNeeds ? <MultilineText text={goal.linkedNeeds} /> : <NotWritten />}</Row>
        </dl>
      </div>
    </div>
  );
}

/** Who agreed the version for the person and for the team, how and when. */
export function AgreementSummary({ agreement }: { agreement: PlanAgreement }) {
  return (
    <SummaryList>
      <Row label="Agreed for the person by">
        {agreement.agreedBy === 'representative' ? `Their representative, ${agreement.representativeName}` : 'The person themselves'}
      </Row>
      <Row label="How it was agreed">{agreementMethodLabels[agreement.method]}</Row>
      <Row label="Date agreed">{formatDate(agreement.agreedOn)}</Row>
      <Row label="Agreed for the team by">{agreement.teamMemberName || 'Not recorded'}</Row>
      {agreement.recordedAt ? <Row label="Recorded in PlanWell">{formatDateTime(agreement.recordedAt)}</Row> : null}
    </SummaryList>
  );
}

export function SummaryList({ children }: { children: ReactNode }) {
  return <dl className="nhsuk-summary-list">{children}</dl>;
}

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function NotWritten({ text = 'Not written' }: { text?: string }) {
  return <span className="app-plan-empty">{text}</span>;
}

function PlainList({ items }: { items: string[] }) {
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="nhsuk-list">
      {items.map((item, index) => (
        // Two contacts can share a name; the position tells them apart.
        <li key={`${index}-${item}`}>{item}</li>
      ))}
    </ul>
  );
}
