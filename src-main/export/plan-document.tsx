/** @jsxRuntime automatic */
// (The pragma: this file is also run by tsx in the benchmarks, which does not read tsconfig.main.json.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import {
  agreementMethodLabels,
  type DocumentFormat,
  supportCategoryLabels,
  type CarePlan,
  type Person,
} from '../../src-shared/contract';
import { budgetTotals, holdingSentence, itemCosts } from '../../src-shared/domain/budget-costs';
import { formatNhsNumber } from '../../src-shared/domain/nhs-number';
import { formatDate, formatPence } from '../../src-shared/format';
import type { RenderedDocument } from './printer';

/**
 * The plan a person takes home: a React component rendered to static HTML in the main process,
 * printed to PDF by Chromium. Plain English, their own words, and the format their recorded
 * accessible-information needs ask for.
 */

export interface PlanDocumentInput {
  plan: CarePlan;
  person: Person;
  practiceName: string;
  format: DocumentFormat;
}

const bodySize: Record<DocumentFormat, string> = { standard: '12pt', 'large-print': '18pt', 'easy-read': '16pt' };

/** The format the person's recorded needs ask for (Accessible Information Standard). */
export function defaultFormatFor(person: Pick<Person, 'communicationNeeds'>): DocumentFormat {
  const formats = person.communicationNeeds.filter((n) => n.kind === 'information-format').map((n) => n.need);
  if (formats.includes('easy-read')) return 'easy-read';
  if (formats.includes('large-print')) return 'large-print';
  return 'standard';
}

/**
 * The project's `resources/fonts`: PLANWELL_RESOURCES if set, else the nearest `resources` above
 * this code — two folders up from the source, three from the bundle in out/main/chunks.
 */
export function fontsDirectory(): string {
  if (process.env.PLANWELL_RESOURCES) return join(process.env.PLANWELL_RESOURCES, 'fonts');
  for (let folder = import.meta.dirname; folder !== dirname(folder); folder = dirname(folder)) {
    const fonts = join(folder, 'resources', 'fonts');
    if (existsSync(join(fonts, 'atkinson-hyperlegible-400.woff2'))) return fonts;
  }
  throw new Error('PlanWell cannot find its fonts (resources/fonts); set PLANWELL_RESOURCES to the resources folder');
}

let fontFaces: string | undefined;
/** The embedded open-licence font (Atkinson Hyperlegible, SIL OFL; resources/fonts). */
function embeddedFont(): string {
  fontFaces ??= [400, 700]
    .map((weight) => {
      const file = readFileSync(join(fontsDirectory(), `atkinson-hyperlegible-${weight}.woff2`));
      return `@font-face{font-family:"Atkinson Hyperlegible";font-weight:${weight};font-style:normal;src:url(data:font/woff2;base64,${file.toString('base64')}) format("woff2");}`;
    })
    .join('');
  return fontFaces;
}

/** The documents' shared stylesheet, with the embedded font; the summary for the GP uses it too. */
export function documentStyles(format: DocumentFormat): string {
  const size = bodySize[format];
  return `${embeddedFont()}
@page { size: A4; margin: 22mm 18mm 22mm 28mm; }
html { font-family: "Atkinson Hyperlegible", Arial, sans-serif; color: #212b32; }
body { margin: 0; font-size: ${size}; line-height: ${format === 'standard' ? 1.45 : 1.6}; }
h1 { font-size: ${format === 'standard' ? '22pt' : '28pt'}; margin: 0 0 6pt; }
h2 { font-size: ${format === 'standard' ? '16pt' : '22pt'}; margin: 18pt 0 6pt; break-after: avoid; border-bottom: 2px solid #005eb8; padding-bottom: 2pt; }
h3 { font-size: ${format === 'standard' ? '13pt' : size}; margin: 10pt 0 4pt; break-after: avoid; }
p, li { margin: 0 0 6pt; orphans: 3; widows: 3; }
section, li, tr { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #aeb7bd; padding: 4pt 6pt 4pt 0; }
.own-words { border-left: 4px solid #005eb8; padding-left: 8pt; }
.draft { color: #d5281b; font-weight: 700; font-size: 20pt; border: 3px solid #d5281b; padding: 4pt 8pt; display: inline-block; }
.lead { font-size: ${format === 'standard' ? '13pt' : size}; }
.easy-read-section { display: grid; grid-template-columns: 64px 1fr; column-gap: 14pt; }
.easy-read-section svg { width: 56px; height: 56px; }
.easy-read-line { margin: 0 0 8pt; }
ul { padding-left: 18pt; }
${format === 'large-print' ? 'body { letter-spacing: 0.01em; word-spacing: 0.05em; } table { font-size: 18pt; }' : ''}
`;
}

/** Simple supporting icons for easy read: a picture beside each section (decorative to screen readers). */
const icons: Record<string, ReactNode> = {
  about: <><circle cx="32" cy="20" r="12" /><path d="M10 58c0-14 10-22 22-22s22 8 22 22z" /></>,
  matters: <path d="M32 56 8 32a13 13 0 0 1 24-17 13 13 0 0 1 24 17z" />,
  goals: <><circle cx="32" cy="32" r="24" fill="none" strokeWidth="6" /><circle cx="32" cy="32" r="10" /></>,
  support: <path d="M6 36l14-14 12 8 12-8 14 14-26 20z" />,
  money: <><circle cx="32" cy="32" r="26" fill="none" strokeWidth="5" /><path d="M24 46h18M26 46c4-6 2-12 0-16h12M28 30c-2-10 10-14 14-6" fill="none" strokeWidth="5" /></>,
  crisis: <><path d="M32 6 60 56H4z" /><rect x="29" y="22" width="6" height="18" fill="#fff" /><rect x="29" y="44" width="6" height="6" fill="#fff" /></>,
  people: <><circle cx="20" cy="22" r="9" /><circle cx="44" cy="22" r="9" /><path d="M2 56c0-12 8-18 18-18s18 6 18 18zM26 56c0-12 8-18 18-18s18 6 18 18z" /></>,
  review: <><rect x="6" y="12" width="52" height="46" rx="4" fill="none" strokeWidth="5" /><path d="M6 24h52M18 6v12M46 6v12" strokeWidth="5" /></>,
  agreed: <path d="M8 34l14 14 34-34" fill="none" strokeWidth="8" />,
  communication: <path d="M8 10h48v32H28l-12 12V42H8z" />,
};

/** Sentences, one to a line, for easy read. */
function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.match(/[^.!?]+[.!?]*["”’]?/g) ?? [])
    .map((s) => s.trim())
    .filter(Boolean);
}

function Words({ text, format, ownWords = false }: { text: string; format: DocumentFormat; ownWords?: boolean }) {
  if (!text) return <p>Nothing written yet.</p>;
  const lines = format === 'easy-read' ? sentences(text) : text.split(/\n+/).filter(Boolean);
  return (
    <div className={ownWords ? 'own-words' : undefined}>
      {lines.map((line, index) => (
        <p className={format === 'easy-read' ? 'easy-read-line' : undefined} key={index}>
          {line}
        </p>
      ))}
    </div>
  );
}

function Section({ title, icon, format, children }: { title: string; icon: keyof typeof icons; format: DocumentFormat; children: ReactNode }) {
  if (format !== 'easy-read') {
    return (
      <section>
        <h2>{title}</h2>
        {children}
      </section>
    );
  }
  return (
    <section className="easy-read-section">
      <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" fill="#005eb8" stroke="#005eb8">
        {icons[icon]}
      </svg>
      <div>
        <h2>{title}</h2>
        {children}
      </div>
    </section>
  );
}

function PlanDocument({ plan, person, practiceName, format }: PlanDocumentInput) {
  const { content, budget, agreement, recordDetails } = plan;
  const name = `${person.givenName} ${person.familyName}`;
  const totals = budget ? budgetTotals(budget) : null;
  const crisisContacts = [
    ...person.contacts.filter((c) => c.phone).map((c) => `${c.name} (${c.relationship || c.role}): ${c.phone}`),
    'NHS 111 for urgent help that is not an emergency',
    '999 in an emergency',
  ];
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <title>{`Care and support plan for ${name}`}</title>
        <meta name="author" content={`${practiceName} (PlanWell)`} />
        <style dangerouslySetInnerHTML={{ __html: documentStyles(format) }} />
      </head>
      <body>
        <main>
          <h1>My care and support plan</h1>
          <p className="lead">
            {name}, NHS number {formatNhsNumber(person.nhsNumber)}
          </p>
          {plan.status === 'draft' ? (
            <p>
              <span className="draft">DRAFT</span> This plan has not been agreed yet.
            </p>
          ) : (
            <p>
              Version {plan.version}
              {plan.agreedOn ? `, agreed on ${formatDate(plan.agreedOn)}` : ''}
              {plan.status === 'superseded' ? '. A newer version has replaced it.' : '.'}
            </p>
          )}
          <Section title="About me" icon="about" format={format}>
            <Words text={content.aboutMe} format={format} />
          </Section>
          <Section title="What matters to me" icon="matters" format={format}>
            <Words text={content.whatMatters} format={format} ownWords />
          </Section>
          <Section title="My strengths and the people who support me" icon="people" format={format}>
            <Words text={content.strengths} format={format} />
          </Section>
          <Section title="My health and wellbeing" icon="about" format={format}>
            <Words text={content.healthAndWellbeing} format={format} />
          </Section>
          <Section title="My goals and the steps" icon="goals" format={format}>
            {content.goals.length === 0 ? <p>No goals yet.</p> : null}
            {content.goals.map((goal, index) => (
              <section key={goal.id}>
                <h3>
                  Goal {index + 1}: {goal.outcome}
                </h3>
                {goal.howWeWillKnow ? <p>How we will know: {goal.howWeWillKnow}</p> : null}
                {goal.byWhen ? <p>By when: {formatDate(goal.byWhen)}</p> : null}
                {goal.steps ? <p>Steps and who helps: {goal.steps}</p> : null}
              </section>
            ))}
          </Section>
          <Section title="My support and who provides it" icon="support" format={format}>
            {content.actions.length === 0 ? (
              <p>No support arranged yet.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">What will happen</th>
                    <th scope="col">Who</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {content.actions.map((action) => (
                    <tr key={action.id}>
                      <td>{action.action}</td>
                      <td>{action.who}</td>
                      <td>{action.when}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          {recordDetails.communitySupport.length > 0 ? (
            <Section title="Groups and services in my community" icon="people" format={format}>
              <ul>
                {recordDetails.communitySupport.map((support) => (
                  <li key={`${support.name}-${support.connectedOn}`}>
                    {support.name} ({support.category.toLowerCase()}){support.whenItRuns ? `: ${support.whenItRuns}` : ''}
                    {support.contact ? `. Contact: ${support.contact}` : ''}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {budget && totals ? (
            <Section title="My personal health budget" icon="money" format={format}>
              <p>
                My budget is {formatPence(budget.agreedPence ?? totals.yearWithOneOffs)} a year
                {budget.periodStart ? `, from ${formatDate(budget.periodStart)}` : ''}.
              </p>
              <p>{holdingSentence(budget)}</p>
              <h3>What it pays for</h3>
              <ul>
                {budget.items.map((item) => {
                  const costs = itemCosts(item);
                  return (
                    <li key={item.id}>
                      {item.description} ({supportCategoryLabels[item.category].toLowerCase()}
                      {item.provider ? `, from ${item.provider}` : ''}):{' '}
                      {item.cost.kind === 'one-off' ? `${formatPence(costs.oneOff)} once` : `${formatPence(costs.week)} a week (${formatPence(costs.year)} a year)`}
                    </li>
                  );
                })}
              </ul>
              <h3>Who to contact about my budget</h3>
              <p>
                {person.assignedWorkerName ? `${person.assignedWorkerName} at ` : ''}
                {practiceName}.
                {budget.parts.flatMap((part) => (part.holding.kind === 'third-party' ? [` ${part.holding.organisation} holds the money${part.holding.contact ? `: ${part.holding.contact}` : ''}.`] : []))}
              </p>
            </Section>
          ) : null}
          <Section title="Risks and what to do in a crisis" icon="crisis" format={format}>
            {content.risks.map((risk) => (
              <section key={risk.id}>
                <h3>{risk.risk}</h3>
                <p>What we will do: {risk.management || 'not written yet'}</p>
              </section>
            ))}
            <h3>If things go wrong</h3>
            <Words text={content.contingency} format={format} />
            <h3>Who to call</h3>
            <ul>
              {crisisContacts.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Section>
          <Section title="People involved" icon="people" format={format}>
            <Words text={content.peopleInvolved} format={format} />
            {recordDetails.contacts.length > 0 ? (
              <ul>
                {recordDetails.contacts.map((contact) => (
                  <li key={`${contact.name}-${contact.role}`}>
                    {contact.name}, {contact.relationship || contact.role.toLowerCase()}
                    {contact.mayReceivePlan ? ' (may have a copy of this plan)' : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          {recordDetails.communicationNeeds.length > 0 ? (
            <Section title="How I like to communicate" icon="communication" format={format}>
              <ul>
                {recordDetails.communicationNeeds.map((need) => (
                  <li key={need}>{need}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          <Section title="When my plan will be reviewed" icon="review" format={format}>
            <p>{content.reviewDate ? `We will look at this plan again together by ${formatDate(content.reviewDate)}.` : 'The review date has not been set yet.'}</p>
          </Section>
          <Section title="Who agreed this plan" icon="agreed" format={format}>
            {agreement ? (
              <p>
                Agreed on {formatDate(agreement.agreedOn)} ({agreementMethodLabels[agreement.method].toLowerCase()}) by{' '}
                {agreement.agreedBy === 'person' ? name : `${agreement.representativeName}, for ${name}`}, and by {agreement.teamMemberName} for {practiceName}.
              </p>
            ) : (
              <p>This plan has not been agreed yet.</p>
            )}
          </Section>
        </main>
      </body>
    </html>
  );
}

/** For Chromium's header and footer templates, which are HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPlanDocument(input: PlanDocumentInput): RenderedDocument {
  const { plan, person } = input;
  const name = `${person.givenName} ${person.familyName}`;
  const html = `<!doctype html>${renderToStaticMarkup(<PlanDocument {...input} />)}`;
  const small = 'font-family:Arial,sans-serif;font-size:9pt;color:#4c6272;width:100%;padding:0 18mm 0 28mm;';
  const version = plan.status === 'draft' ? `Plan version ${plan.version}, DRAFT (not agreed)` : `Plan version ${plan.version}${plan.agreedOn ? `, agreed ${formatDate(plan.agreedOn)}` : ''}`;
  return {
    html,
    title: `Care and support plan for ${name}`,
    headerTemplate: `<div style="${small}">${escapeHtml(name)}, NHS number ${formatNhsNumber(person.nhsNumber)}</div>`,
    footerTemplate: `<div style="${small}display:flex;justify-content:space-between;"><span>${escapeHtml(version)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    fileName: `Plan - ${name.replace(/[\\/:*?"<>|]/g, '')} - ${(plan.agreedOn ?? plan.updatedAt).slice(0, 10)}.pdf`,
  };
}
