import * as audit from '../services/audit';
import * as auth from '../services/auth';
import type { Printer } from '../export/printer';
import * as backups from '../services/backups';
import * as budgets from '../services/budgets';
import * as connections from '../services/connections';
import * as directory from '../services/directory';
import * as discharge from '../services/discharge';
import * as exportsService from '../services/exports';
import * as people from '../services/people';
import * as peopleCsvImport from '../services/people-csv-import';
import * as plans from '../services/plans';
import * as referrals from '../services/referrals';
import * as reviews from '../services/reviews';
import type { VaultDependencies } from '../services/session-dependencies';
import * as settings from '../services/settings';
import * as socialPrescribingReport from '../services/social-prescribing-report';
import * as staff from '../services/staff';
import type { Handlers } from './dispatch';

export interface HandlerContext {
  auth: auth.AuthDependencies;
  /** The signed-in user's view of the data; throws UNAUTHENTICATED if nobody is signed in. */
  signedIn(): VaultDependencies;
  /** The page says someone is still at the keyboard. */
  recordActivity(): null;
  printer(): Printer;
  /** Batch exports under way in this run. */
  batches: exportsService.BatchExports;
  backups: backups.BackupDependencies;
}

/** One line per channel: the logic lives in the services. */
export const handlers: Handlers<HandlerContext> = {
  'app.status': (_input, c) => auth.appStatus(c.auth),
  'setup.createPractice': (input, c) => auth.createPractice(c.auth, input),
  'setup.confirmRecoveryCode': (_input, c) => auth.confirmRecoveryCode(c.auth),
  'setup.replaceRecoveryCode': (_input, c) => auth.replaceRecoveryCode(c.auth),
  'auth.logIn': (input, c) => auth.logIn(c.auth, input),
  'auth.recover': (input, c) => auth.recover(c.auth, input),
  'auth.lock': (_input, c) => auth.lock(c.auth),
  'auth.unlock': (input, c) => auth.unlock(c.auth, input),
  'auth.logOut': (_input, c) => auth.logOut(c.auth),
  'auth.changePassword': (input, c) => auth.changePassword(c.auth, input),
  'session.activity': async (_input, c) => c.recordActivity(),
  'settings.get': (_input, c) => settings.getSettings(c.signedIn()),
  'settings.update': (input, c) => settings.updateSettings(c.signedIn(), input),
  'drafts.save': (input, c) => settings.saveDraft(c.signedIn(), input),
  'drafts.get': (input, c) => settings.getDraft(c.signedIn(), input),
  'drafts.discard': (input, c) => settings.discardDraft(c.signedIn(), input),
  'staff.list': (_input, c) => staff.listStaff(c.signedIn()),
  'staff.create': (input, c) => staff.createStaffMember(c.signedIn(), input),
  'staff.resetPassword': (input, c) => staff.resetStaffPassword(c.signedIn(), input),
  'staff.deactivate': (input, c) => staff.deactivateStaffMember(c.signedIn(), input),
  'staff.setRoles': (input, c) => staff.setStaffRoles(c.signedIn(), input),
  'audit.list': (input, c) => audit.listAuditEvents(c.signedIn(), input),
  'audit.verify': (_input, c) => audit.verifyAudit(c.signedIn()),
  'audit.exportCsv': (input, c) => audit.exportAuditCsv(c.signedIn(), input),
  'people.create': (input, c) => people.createPerson(c.signedIn(), input),
  'people.get': (input, c) => people.getPerson(c.signedIn(), input),
  'people.search': (input, c) => people.searchPeople(c.signedIn(), input),
  'people.update': (input, c) => people.updatePerson(c.signedIn(), input),
  'people.close': (input, c) => people.closePerson(c.signedIn(), input),
  'people.reopen': (input, c) => people.reopenPerson(c.signedIn(), input),
  'people.setCommunicationNeeds': (input, c) => people.setCommunicationNeeds(c.signedIn(), input),
  'people.setEligibility': (input, c) => people.setEligibility(c.signedIn(), input),
  'people.saveContact': (input, c) => people.saveContact(c.signedIn(), input),
  'people.removeContact': (input, c) => people.removeContact(c.signedIn(), input),
  'people.timeline': (input, c) => people.personTimeline(c.signedIn(), input),
  'eligibility.list': (_input, c) => people.listEligibilityGroups(c.signedIn()),
  'eligibility.add': (input, c) => people.addEligibilityGroup(c.signedIn(), input),
  'staff.directory': (_input, c) => people.staffDirectory(c.signedIn()),
  'preferences.get': (input, c) => people.getPreference(c.signedIn(), input),
  'preferences.set': (input, c) => people.setPreference(c.signedIn(), input),
  'people.importPreview': (input, c) => peopleCsvImport.previewImport(c.signedIn(), input),
  'people.importCommit': (input, c) => peopleCsvImport.commitImport(c.signedIn(), input),
  'plans.list': (input, c) => plans.listPlans(c.signedIn(), input),
  'plans.get': (input, c) => plans.getPlan(c.signedIn(), input),
  'plans.startDraft': (input, c) => plans.startPlanDraft(c.signedIn(), input),
  'plans.saveDraft': (input, c) => plans.savePlanDraft(c.signedIn(), input),
  'plans.discardDraft': (input, c) => plans.discardPlanDraft(c.signedIn(), input),
  'plans.agree': (input, c) => plans.agreePlan(c.signedIn(), input),
  'guides.list': (_input, c) => plans.listGuides(c.signedIn()),
  'guides.add': (input, c) => plans.addGuide(c.signedIn(), input),
  'plans.saveBudget': (input, c) => budgets.saveBudget(c.signedIn(), input),
  'budgets.summary': (input, c) => budgets.budgetSummary(c.signedIn(), input),
  'budgets.recordSpend': (input, c) => budgets.recordSpend(c.signedIn(), input),
  'budgets.receipt': (input, c) => budgets.getReceipt(c.signedIn(), input),
  'budgets.recordMonitoring': (input, c) => budgets.recordMonitoring(c.signedIn(), input),
  'restrictions.list': (_input, c) => budgets.listRestrictions(c.signedIn()),
  'restrictions.save': (input, c) => budgets.saveRestriction(c.signedIn(), input),
  'reviews.rules': (_input, c) => reviews.listRules(c.signedIn()),
  'reviews.setRule': (input, c) => reviews.setRule(c.signedIn(), input),
  'reviews.worklist': (input, c) => reviews.worklist(c.signedIn(), input),
  'reviews.myCounts': (_input, c) => reviews.myCounts(c.signedIn()),
  'reviews.schedule': (input, c) => reviews.getSchedule(c.signedIn(), input),
  'reviews.trigger': (input, c) => reviews.triggerReview(c.signedIn(), input),
  'reviews.start': (input, c) => reviews.startReview(c.signedIn(), input),
  'reviews.get': (input, c) => reviews.getReview(c.signedIn(), input),
  'reviews.list': (input, c) => reviews.listReviews(c.signedIn(), input),
  'reviews.save': (input, c) => reviews.saveReview(c.signedIn(), input),
  'reviews.sign': (input, c) => reviews.signReview(c.signedIn(), input),
  'outcomes.record': (input, c) => reviews.recordOutcome(c.signedIn(), input),
  'outcomes.list': (input, c) => reviews.listOutcomes(c.signedIn(), input),
  'plans.exportPreview': (input, c) => exportsService.exportPreview(c.signedIn(), input),
  'plans.exportPdf': (input, c) => exportsService.exportPdf(c.signedIn(), () => c.printer(), input),
  'exports.startBatch': (input, c) => exportsService.startBatch(c.signedIn(), () => c.printer(), c.batches, input),
  'exports.batchStatus': async (input, c) => exportsService.batchStatus(c.signedIn(), c.batches, input),
  'socialPrescribing.options': (_input, c) => referrals.socialPrescribingOptions(c.signedIn()),
  'socialPrescribing.setStatusCode': (input, c) => referrals.setStatusCode(c.signedIn(), input),
  'socialPrescribing.addOption': (input, c) => referrals.addOption(c.signedIn(), input),
  'referrals.create': (input, c) => referrals.createReferral(c.signedIn(), input),
  'referrals.get': (input, c) => referrals.getReferral(c.signedIn(), input),
  'referrals.forPerson': (input, c) => referrals.referralsForPerson(c.signedIn(), input),
  'referrals.changeStatus': (input, c) => referrals.changeReferralStatus(c.signedIn(), input),
  'referrals.inbox': (input, c) => referrals.referralInbox(c.signedIn(), input),
  'referrals.logContact': (input, c) => referrals.logContact(c.signedIn(), input),
  'referrals.contacts': (input, c) => referrals.listContacts(c.signedIn(), input),
  'directory.search': (input, c) => directory.searchDirectory(c.signedIn(), input),
  'directory.get': (input, c) => directory.getEntry(c.signedIn(), input),
  'directory.save': (input, c) => directory.saveEntry(c.signedIn(), input),
  'directory.exportCsv': (_input, c) => directory.exportDirectoryCsv(c.signedIn()),
  'directory.importCsv': (input, c) => directory.importDirectoryCsv(c.signedIn(), input),
  'connections.create': (input, c) => connections.createConnection(c.signedIn(), input),
  'connections.setOutcome': (input, c) => connections.setConnectionOutcome(c.signedIn(), input),
  'connections.forPerson': (input, c) => connections.connectionsForPerson(c.signedIn(), input),
  'referrals.dischargeSummary': (input, c) => discharge.dischargeSummary(c.signedIn(), input),
  'referrals.dischargePdf': (input, c) => discharge.dischargePdf(c.signedIn(), () => c.printer(), input),
  'socialPrescribing.report': (input, c) => socialPrescribingReport.caseloadReport(c.signedIn(), input),
  'backups.status': (_input, c) => backups.backupStatus(c.backups),
  'backups.now': (_input, c) => backups.backUpNow(c.backups),
  'backups.saveSettings': (input, c) => backups.saveBackupSettings(c.backups, input),
  'backups.list': (_input, c) => backups.listBackups(c.backups),
  'backups.inspect': async (input, c) => backups.inspectBackup(c.backups, input),
  'backups.restore': (input, c) => backups.restoreBackup(c.backups, input),
  'setup.inspectBackup': async (input, c) => backups.inspectBackup(c.backups, input, true),
  'setup.restoreBackup': (input, c) => backups.restoreBackup(c.backups, input, true),
};
