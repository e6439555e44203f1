import type { Generated } from 'kysely';

/** Typed tables for kysely. Column names are snake_case as stored; services map to camelCase. */
export interface PracticeSettingTable {
  key: string;
  value: string;
}

export interface StaffUserTable {
  id: string;
  username: string;
  full_name: string;
  active: number;
  must_change_password: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface StaffRoleTable {
  user_id: string;
  role: string;
}

export interface PersonTable {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string;
  /** Given and family name folded to lower case without accents, for search. */
  search_name: string;
  /** Family then given name, folded, for sorting. */
  sort_name: Generated<string>;
  preferred_name: Generated<string>;
  sex_or_gender: Generated<string>;
  address: Generated<string>;
  postcode: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  preferred_contact_method: Generated<string>;
  registered_practice: Generated<string>;
  status: Generated<string>;
  closed_reason: Generated<string>;
  closed_on: Generated<string>;
  assigned_worker_id: string | null;
  /** The assigned worker's name, for sorting; kept by triggers (migration 0004). */
  worker_sort: Generated<string>;
  sharing_preferences: Generated<string>;
  communication_notes: Generated<string>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  row_version: Generated<number>;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  user_id: string | null;
  roles: string;
  action: string;
  channel: string | null;
  person_id: string | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface DraftTable {
  user_id: string;
  key: string;
  values_json: string;
  saved_at: string;
}

export interface PersonContactTable {
  id: string;
  person_id: string;
  role: string;
  name: string;
  relationship: string;
  phone: string;
  email: string;
  address: string;
  may_receive_plan: number;
}

export interface EligibilityGroupTable {
  code: string;
  label: string;
  legal_right: number;
  active: number;
  sort_order: number;
}

export interface PersonEligibilityTable {
  person_id: string;
  group_code: string;
}

export interface CommunicationNeedTable {
  person_id: string;
  kind: string;
  need: string;
  detail: string;
}

export interface StaffPreferenceTable {
  user_id: string;
  key: string;
  value_json: string;
}

export interface CarePlanTable {
  id: string;
  person_id: string;
  version: number;
  status: string;
  guide_code: string;
  content_json: string;
  review_date: Generated<string>;
  record_json: string | null;
  agreed_by: string | null;
  representative_name: string | null;
  agreement_method: string | null;
  agreed_on: string | null;
  agreed_by_user_id: string | null;
  agreement_recorded_at: string | null;
  superseded_at: string | null;
  budget_json: Generated<string | null>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  row_version: Generated<number>;
}

export interface ConversationGuideTable {
  code: string;
  name: string;
  description: Generated<string>;
  built_in: Generated<number>;
  steps_json: string;
  sort_order: number;
}

export interface BudgetSpendTable {
  id: string;
  person_id: string;
  plan_id: string;
  item_id: string;
  spent_on: string;
  amount_pence: number;
  payee: string;
  reference: Generated<string>;
  receipt: Buffer | null;
  receipt_name: string | null;
  receipt_type: string | null;
  created_at: string;
  created_by: string;
}

export interface BudgetMonitoringTable {
  id: string;
  person_id: string;
  plan_id: string;
  checked_on: string;
  notes: Generated<string>;
  created_at: string;
  created_by: string;
}

export interface SpendingRestrictionTable {
  code: string;
  label: string;
  keywords_json: string;
  active: Generated<number>;
  sort_order: number;
}

export interface ReviewRuleTable {
  key: string;
  first_months: number;
  then_months: number;
}

export interface ReviewScheduleTable {
  person_id: string;
  due_on: string;
  reason: string;
  note: Generated<string>;
  set_at: string;
  set_by: string;
}

export interface PlanReviewTable {
  id: string;
  person_id: string;
  plan_id: string;
  reason: string;
  status: string;
  content_json: string;
  started_at: string;
  started_by: string;
  signed_at: string | null;
  signed_by: string | null;
  new_plan_id: string | null;
  row_version: Generated<number>;
}

export interface OutcomeScoreTable {
  id: string;
  person_id: string;
  measure: string;
  answers_json: string;
  raw_score: number | null;
  metric_hundredths: number | null;
  taken_on: string;
  context: string;
  referral_id: string | null;
  created_at: string;
  created_by: string;
}

/** referral_reason and directory_category: lists kept as data. */
export interface ListOptionTable {
  key: string;
  label: string;
  position: number;
}

export interface ReferralStatusCodeTable {
  status: string;
  concept_id: string | null;
  term: Generated<string>;
}

export interface ReferralTable {
  id: string;
  person_id: string;
  referred_on: string;
  source: string;
  referrer_name: Generated<string>;
  other_reason: Generated<string>;
  urgency: string;
  consent: string;
  notes: Generated<string>;
  status: string;
  status_changed_on: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  row_version: Generated<number>;
}

export interface ReferralReasonLinkTable {
  referral_id: string;
  reason_key: string;
}

export interface ReferralStatusChangeTable {
  id: Generated<number>;
  referral_id: string;
  status: string;
  changed_on: string;
  note: Generated<string>;
  concept_id: string | null;
  term: Generated<string>;
  changed_at: string;
  changed_by: string;
}

export interface ReferralContactTable {
  id: string;
  referral_id: string;
  person_id: string;
  contact_on: string;
  duration_minutes: number;
  contact_type: string;
  attendees: Generated<string>;
  notes: Generated<string>;
  next_step: Generated<string>;
  created_at: string;
  created_by: string;
}

export interface DirectoryEntryTable {
  id: string;
  name: string;
  category_key: string;
  description: string;
  address: string;
  area: string;
  contact: string;
  cost: string;
  when_it_runs: string;
  accessibility_json: string;
  referral_route: string;
  last_checked_on: string;
  active: number;
  search_text: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  row_version: Generated<number>;
}

export interface CommunityConnectionTable {
  id: string;
  referral_id: string;
  person_id: string;
  entry_id: string;
  kind: string;
  connected_on: string;
  note: Generated<string>;
  outcome: Generated<string>;
  outcome_on: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  row_version: Generated<number>;
}

export interface DatabaseSchema {
  practice_setting: PracticeSettingTable;
  staff_user: StaffUserTable;
  staff_role: StaffRoleTable;
  person: PersonTable;
  audit_event: AuditEventTable;
  draft: DraftTable;
  person_contact: PersonContactTable;
  eligibility_group: EligibilityGroupTable;
  person_eligibility: PersonEligibilityTable;
  communication_need: CommunicationNeedTable;
  staff_preference: StaffPreferenceTable;
  care_plan: CarePlanTable;
  conversation_guide: ConversationGuideTable;
  budget_spend: BudgetSpendTable;
  budget_monitoring: BudgetMonitoringTable;
  spending_restriction: SpendingRestrictionTable;
  review_rule: ReviewRuleTable;
  review_schedule: ReviewScheduleTable;
  plan_review: PlanReviewTable;
  outcome_score: OutcomeScoreTable;
  referral_reason: ListOptionTable;
  directory_category: ListOptionTable;
  referral_status_code: ReferralStatusCodeTable;
  referral: ReferralTable;
  referral_reason_link: ReferralReasonLinkTable;
  referral_status_change: ReferralStatusChangeTable;
  referral_contact: ReferralContactTable;
  directory_entry: DirectoryEntryTable;
  community_connection: CommunityConnectionTable;
}
