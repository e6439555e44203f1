import { Fragment, type ReactNode } from 'react';
import { noteDestinationLabels, planTextSectionLabels, type PlanAction, type PlanGoal, type PlanRisk, type PlanTextSection } from '../../../src-shared/contract';
import type { ItemDifference, PlanDifference, WordRun } from '../../../src-shared/domain/plan-difference';
import { formatDate } from '../../../src-shared/format';
import { goalFieldLabels } from './plan-view-document';

/** The two versions: their numbers, and their names for the top of each column ("Version 1, agreed 3 November 2026"). */
export interface ComparedVersions {
  before: string;
  after: string;
  beforeVersion: number;
  afterVersion: number;
}

/*
 * Removed words are struck through and added words underlined, each tinted as well, so colour is
 * never the only sign; screen readers hear "removed:" and "added:", as most do not announce
 * <del> and <ins> on their own.
 */
function Removed({ children }: { children: ReactNode }) {
  return (
    <del className="app-plan-removed">
      <span className="nhsuk-u-visually-hidden">removed: </span>
      {children}
    </del>
  );
}

function Added({ children }: { children: ReactNode }) {
  return (
    <ins className="app-plan-added">
      <span className="nhsuk-u-visually-hidden">added: </span>
      {children}
    </ins>
  );
}

/** How changes are marked, shown before them. */
export function DifferenceLegend() {
  return (
    <div className="app-plan-legend">
      <p className="nhsuk-u-margin-bottom-2">How changes are shown:</p>
      <ul className="nhsuk-list">
        <li>
          <span className="app-plan-removed">Words taken out</span> are struck through, in the earlier version
        </li>
        <li>
          <span className="app-plan-added">Words put in</span> are underlined, in the later version
        </li>
      </ul>
    </div>
  );
}

function Empty() {
  return <span className="app-plan-empty">Nothing written</span>;
}

/** One side of a text's difference: the earlier shows what was taken out, the later what was put in. */
function WordsSide({ words, side }: { words: readonly WordRun[]; side: 'before' | 'after' }) {
  const hidden = side === 'before' ? 'added' : 'removed';
  const shown = words.filter((run) => run.change !== hidden);
  if (shown.every((run) => run.text === '')) return <Empty />;
  return (
    <>
      {shown.map((run, index) => (
        // Runs are positions in a text; they have no identity beyond their order.
        <Fragment key={index}>{run.change === 'same' ? run.text : side === 'before' ? <Removed>{run.text}</Removed> : <Added>{run.text}</Added>}</Fragment>
      ))}
    </>
  );
}

function SideBySide({ versions, before, after }: { versions: ComparedVersions; before: ReactNode; after: ReactNode }) {
  return (
    <div className="app-plan-compare">
      <div className="app-plan-compare__column">
        <p className="app-plan-compare__label nhsuk-body-s">{versions.before}</p>
        <div className="nhsuk-body app-plan-text">{before}</div>
      </div>
      <div className="app-plan-compare__column">
        <p className="app-plan-compare__label nhsuk-body-s">{versions.after}</p>
        <div className="nhsuk-body app-plan-text">{after}</div>
      </div>
    </div>
  );
}

function WordsSideBySide({ versions, words }: { versions: ComparedVersions; words: readonly WordRun[] }) {
  return <SideBySide versions={versions} before={<WordsSide words={words} side="before" />} after={<WordsSide words={words} side="after" />} />;
}

/** A goal's, action's or risk's parts, and how each is named and shown. */
interface ItemKind<Item> {
  heading: string;
  /** "Goal", "Action", "Risk". */
  noun: string;
  title: (item: Item) => string;
  fields: readonly { field: Exclude<keyof Item, 'id'> & string; label: string; date?: boolean }[];
}

const goalKind: ItemKind<PlanGoal> = {
  heading: noteDestinationLabels.goals,
  noun: 'Goal',
  title: (goal) => goal.outcome,
  fields: [
    { field: 'outcome', label: 'What I want to achieve' },
    { field: 'howWeWillKnow', label: goalFieldLabels.howWeWillKnow },
    { field: 'byWhen', label: goalFieldLabels.byWhen, date: true },
    { field: 'steps', label: goalFieldLabels.steps },
    { field: 'linkedNeeds', label: goalFieldLabels.linkedNeeds },
  ],
};
const actionKind: ItemKind<PlanAction> = {
  heading: noteDestinationLabels.actions,
  noun: 'Action',
  title: (action) => action.action,
  fields: [
    { field: 'action', label: 'What will be done' },
    { field: 'who', label: 'Who' },
    { field: 'when', label: 'When' },
  ],
};
const riskKind: ItemKind<PlanRisk> = {
  heading: noteDestinationLabels.risks,
  noun: 'Risk',
  title: (risk) => risk.risk,
  fields: [
    { field: 'risk', label: 'Risk' },
    { field: 'management', label: 'How we manage it' },
  ],
};

/** An item only one version has: all its parts, marked as taken out or put in. */
function WholeItem<Item extends { id: string }>({ kind, item, side }: { kind: ItemKind<Item>; item: Item; side: 'before' | 'after' }) {
  const Mark = side === 'before' ? Removed : Added;
  const parts = kind.fields.filter(({ field }) => String(item[field]) !== '');
  return (
    <dl className="nhsuk-summary-list nhsuk-summary-list--no-last-row-border nhsuk-u-margin-bottom-0">
      {parts.map(({ field, label, date }) => (
        <div className="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions" key={field}>
          <dt className="nhsuk-summary-list__key">{label}</dt>
          <dd className="nhsuk-summary-list__value">
            <Mark>{date ? formatDate(String(item[field])) : String(item[field])}</Mark>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ItemChange<Item extends { id: string }>({ kind, difference, versions }: { kind: ItemKind<Item>; difference: ItemDifference<Item>; versions: ComparedVersions }) {
  const notIn = (version: number) => <span className="app-plan-empty">Not in version {version}</span>;
  switch (difference.change) {
    case 'same':
      return null;
    case 'added':
      return (
        <div className="app-plan-item-change">
          <h3 className="nhsuk-heading-s app-plan-text">
            {kind.noun} added: {kind.title(difference.after)}
          </h3>
          <SideBySide versions={versions} before={notIn(versions.beforeVersion)} after={<WholeItem kind={kind} item={difference.after} side="after" />} />
        </div>
      );
    case 'removed':
      return (
        <div className="app-plan-item-change">
          <h3 className="nhsuk-heading-s app-plan-text">
            {kind.noun} taken out: {kind.title(difference.before)}
          </h3>
          <SideBySide versions={versions} before={<WholeItem kind={kind} item={difference.before} side="before" />} after={notIn(versions.afterVersion)} />
        </div>
      );
    case 'changed':
      return (
        <div className="app-plan-item-change">
          <h3 className="nhsuk-heading-s app-plan-text">
            {kind.noun} changed: {kind.title(difference.after)}
          </h3>
          {difference.fields.map((field) => {
            const isDate = kind.fields.find((f) => f.field === field.field)?.date;
            return (
              <Fragment key={field.field}>
                <h4 className="nhsuk-heading-xs">{field.label}</h4>
                {isDate ? (
                  // Dates change as a whole; comparing their digits would say nothing useful.
                  <SideBySide
                    versions={versions}
                    before={field.before ? <Removed>{formatDate(field.before)}</Removed> : <Empty />}
                    after={field.after ? <Added>{formatDate(field.after)}</Added> : <Empty />}
                  />
                ) : (
                  <WordsSideBySide versions={versions} words={field.words} />
                )}
              </Fragment>
            );
          })}
        </div>
      );
  }
}

function ItemsDifference<Item extends { id: string }>({ kind, differences, versions }: { kind: ItemKind<Item>; differences: ItemDifference<Item>[]; versions: ComparedVersions }) {
  const unchanged = differences.filter((d) => d.change === 'same').length;
  return (
    <section className="app-plan-difference" aria-labelledby={`difference-${kind.noun}`}>
      <h2 id={`difference-${kind.noun}`}>{kind.heading}</h2>
      {differences.map((difference) => (
        <ItemChange key={difference.change === 'added' ? difference.after.id : difference.before.id} kind={kind} difference={difference} versions={versions} />
      ))}
      {unchanged > 0 ? (
        <p>
          {unchanged === 1 ? `1 other ${kind.noun.toLowerCase()} is` : `${unchanged} other ${kind.noun.toLowerCase()}s are`} the same in both versions.
        </p>
      ) : null}
    </section>
  );
}

/**
 * What changed between two versions, in the order the plan is read: each changed part side by
 * side, earlier on the left, and the parts that did not change named at the end.
 */
export function PlanDifferenceView({ difference, versions }: { difference: PlanDifference; versions: ComparedVersions }) {
  if (difference.same) {
    return <p className="nhsuk-body-l">The two versions say the same. Nothing in the plan changed between them.</p>;
  }
  const parts: { name: string; changed: boolean; view: ReactNode }[] = [];
  const section = (key: PlanTextSection) => {
    const text = difference.sections.find((s) => s.section === key);
    if (!text) return;
    parts.push({
      name: planTextSectionLabels[key],
      changed: text.changed,
      view: (
        <section className="app-plan-difference" aria-labelledby={`difference-${key}`} key={key}>
          <h2 id={`difference-${key}`}>{planTextSectionLabels[key]}</h2>
          <WordsSideBySide versions={versions} words={text.words} />
        </section>
      ),
    });
  };
  const items = <Item extends { id: string }>(kind: ItemKind<Item>, differences: ItemDifference<Item>[]) => {
    parts.push({
      name: kind.heading,
      changed: differences.some((d) => d.change !== 'same'),
      view: <ItemsDifference key={kind.noun} kind={kind} differences={differences} versions={versions} />,
    });
  };
  section('aboutMe');
  section('whatMatters');
  section('strengths');
  section('healthAndWellbeing');
  items(goalKind, difference.goals);
  items(actionKind, difference.actions);
  items(riskKind, difference.risks);
  section('contingency');
  section('peopleInvolved');
  section('consent');
  const { reviewDate } = difference;
  parts.push({
    name: 'Review date',
    changed: reviewDate.changed,
    view: (
      <section className="app-plan-difference" aria-labelledby="difference-review-date" key="reviewDate">
        <h2 id="difference-review-date">Review date</h2>
        <SideBySide
          versions={versions}
          before={reviewDate.before ? <Removed>{formatDate(reviewDate.before)}</Removed> : <span className="app-plan-empty">Not set</span>}
          after={reviewDate.after ? <Added>{formatDate(reviewDate.after)}</Added> : <span className="app-plan-empty">Not set</span>}
        />
      </section>
    ),
  });

  const unchanged = parts.filter((part) => !part.changed).map((part) => part.name);
  return (
    <>
      <DifferenceLegend />
      {parts.filter((part) => part.changed).map((part) => part.view)}
      {unchanged.length > 0 ? (
        <>
          <h2>No change to</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {unchanged.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
