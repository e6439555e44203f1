import { type Kysely, sql } from 'kysely';

/**
 * Personalised care and support plans, kept as versions, and the conversation guides that lead to
 * them. The database itself enforces the lifecycle the services follow: one draft and one agreed
 * version per person at a time, and an agreed version can only ever become superseded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('care_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'agreed', 'superseded')`))
    .addColumn('guide_code', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    // Kept apart from the content so reviews can find plans falling due from an index.
    .addColumn('review_date', 'text', (c) => c.notNull().defaultTo(''))
    // What the record said (needs, contacts, sharing) when the version was agreed.
    .addColumn('record_json', 'text')
    .addColumn('agreed_by', 'text')
    .addColumn('representative_name', 'text')
    .addColumn('agreement_method', 'text')
    .addColumn('agreed_on', 'text')
    .addColumn('agreed_by_user_id', 'text', (c) => c.references('staff_user.id'))
    .addColumn('agreement_recorded_at', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('care_plan_by_person_version').on('care_plan').columns(['person_id', 'version']).unique().execute();
  await sql`CREATE UNIQUE INDEX care_plan_one_draft ON care_plan(person_id) WHERE status = 'draft'`.execute(db);
  await sql`CREATE UNIQUE INDEX care_plan_one_agreed ON care_plan(person_id) WHERE status = 'agreed'`.execute(db);
  await db.schema.createIndex('care_plan_by_review').on('care_plan').columns(['status', 'review_date']).execute();

  // An agreed version is a record of what was agreed: nothing in it may change, and it may only
  // move on to superseded. The services refuse first, with plain words; this is the backstop.
  await sql`CREATE TRIGGER care_plan_agreed_is_final BEFORE UPDATE ON care_plan
    WHEN old.status <> 'draft' AND (
      new.content_json IS NOT old.content_json OR new.record_json IS NOT old.record_json
      OR new.review_date IS NOT old.review_date OR new.version IS NOT old.version OR new.person_id IS NOT old.person_id
      OR new.agreed_by IS NOT old.agreed_by OR new.representative_name IS NOT old.representative_name
      OR new.agreement_method IS NOT old.agreement_method OR new.agreed_on IS NOT old.agreed_on
      OR new.agreed_by_user_id IS NOT old.agreed_by_user_id
      OR NOT (new.status = old.status OR (old.status = 'agreed' AND new.status = 'superseded')))
    BEGIN SELECT RAISE(ABORT, 'An agreed plan cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER care_plan_agreed_kept BEFORE DELETE ON care_plan WHEN old.status <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'An agreed plan cannot be removed'); END`.execute(db);

  await db.schema
    .createTable('conversation_guide')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  for (const [index, guide] of builtInGuides.entries()) {
    await sql`INSERT INTO conversation_guide (code, name, description, built_in, steps_json, sort_order)
      VALUES (${guide.code}, ${guide.name}, ${guide.description}, 1, ${JSON.stringify(guide.steps)}, ${(index + 1) * 10})`.execute(db);
  }
}

/** The guides PlanWell ships, as they were when this migration was written. */
const builtInGuides = [
  {
    code: 'what-matters',
    name: 'What matters to me',
    description: 'A first conversation: what matters to the person, and what they would like to change.',
    steps: [
      { title: 'About you', section: 'aboutMe', prompts: ['Tell me a bit about yourself.', 'How would you like me to call you?', 'What is a good day like for you?'] },
      { title: 'What matters to you', section: 'whatMatters', prompts: ['What matters most to you at the moment?', 'What would you like people to know about you?'] },
      { title: 'What is working and not working', section: 'whatMatters', prompts: ['What is going well for you?', 'What is not working so well?'] },
      { title: 'Your strengths and who supports you', section: 'strengths', prompts: ['What are you good at, or proud of?', 'Who is there for you? Family, friends, neighbours, groups?'] },
      { title: 'Your health and wellbeing', section: 'healthAndWellbeing', prompts: ['How are you feeling, in body and mind?', 'Is there anything about your health that gets in the way?'] },
      { title: 'What you would like to change', section: 'goals', prompts: ['If things were better in a few months, what would be different?', 'What is one thing you would like to try?'] },
      { title: 'What might get in the way', section: 'risks', prompts: ['What might make this hard?', 'What has got in the way before?'] },
      { title: 'What would help', section: 'actions', prompts: ['What would help you do this?', 'Who could help, and when?'] },
    ],
  },
  {
    code: 'phb-support-planning',
    name: 'Personal health budget support planning',
    description: 'Planning how a personal health budget will meet the needs agreed, and who will manage it.',
    steps: [
      { title: 'About you and what matters', section: 'whatMatters', prompts: ['What matters to you in your day-to-day life?', 'What would a good week look like?'] },
      { title: 'Your health and wellbeing needs', section: 'healthAndWellbeing', prompts: ['Which health needs is the budget for?', 'What support do you get now, and how is it going?'] },
      { title: 'Outcomes you want', section: 'goals', prompts: ['What do you want to be different because of this support?', 'How will we know it is working?'] },
      { title: 'Support and how the money is used', section: 'actions', prompts: ['What support would help you reach these outcomes?', 'Who will provide it, and when?'] },
      { title: 'Staying safe', section: 'risks', prompts: ['What could go wrong with this support?', 'What will we do if it does?'] },
      { title: 'If things go wrong', section: 'contingency', prompts: ['Who should be contacted in a crisis?', 'What should happen if your support stops suddenly?'] },
      { title: 'Who is involved', section: 'peopleInvolved', prompts: ['Who would you like involved in your plan?', 'Is anyone helping you manage the budget?'] },
    ],
  },
  {
    code: 'review',
    name: 'Review',
    description: 'Looking back at the plan together: what has changed, and what should happen next.',
    steps: [
      { title: 'How things have been', section: 'whatMatters', prompts: ['How have things been since we last met?', 'Does what matters to you still feel the same?'] },
      { title: 'Your goals', section: 'goals', prompts: ['How are your goals going?', 'Is there a goal you would like to change or add?'] },
      { title: 'Your support', section: 'actions', prompts: ['Is your support still right for you?', 'Has anything been hard to arrange?'] },
      { title: 'Your health and wellbeing', section: 'healthAndWellbeing', prompts: ['Has anything changed with your health?'] },
      { title: 'Risks and staying safe', section: 'risks', prompts: ['Is there anything new we should plan for?'] },
      { title: 'Next time', section: 'consent', prompts: ['Who should see your plan?', 'When shall we look at it together again?'] },
    ],
  },
];
