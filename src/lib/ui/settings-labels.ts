// Words and groups of the workspace settings form. Typed by every key the form shows, so a
// setting added to the domain without a label here fails the type check.
import { m } from '$lib/paraglide/messages.js';
import type { SettingKey } from '$lib/rules';

type Shown = Exclude<SettingKey, 'timeZone'>;
export type SettingGroup =
	| 'income'
	| 'medical'
	| 'living'
	| 'education'
	| 'water'
	| 'cadence'
	| 'case'
	| 'targets'
	| 'school';

export const SETTING_GROUPS: readonly [SettingGroup, () => string][] = [
	['income', m.setg_income],
	['medical', m.setg_medical],
	['living', m.setg_living],
	['education', m.setg_education],
	['water', m.setg_water],
	['cadence', m.setg_cadence],
	['case', m.setg_case],
	['targets', m.setg_targets],
	['school', m.setg_school]
];

export const SETTING_LABELS: Record<Shown, [SettingGroup, () => string]> = {
	monitoringLines: ['income', m.set_monitoringLines],
	incomeWindowMonths: ['income', m.set_incomeWindowMonths],
	incomeDropPercent: ['income', m.set_incomeDropPercent],
	marginalIncomeMin: ['income', m.set_marginalIncomeMin],
	marginalIncomeMax: ['income', m.set_marginalIncomeMax],
	industryReturnDropPercent: ['income', m.set_industryReturnDropPercent],
	disasterExpenseMin: ['income', m.set_disasterExpenseMin],
	medicalYtdFormerPoor: ['medical', m.set_medicalYtdFormerPoor],
	medicalYtdOther: ['medical', m.set_medicalYtdOther],
	medicalOutpatientMonthly: ['medical', m.set_medicalOutpatientMonthly],
	medicalSingleStayFormerPoor: ['medical', m.set_medicalSingleStayFormerPoor],
	medicalSingleStayOther: ['medical', m.set_medicalSingleStayOther],
	elderlyAge: ['living', m.set_elderlyAge],
	adultAge: ['living', m.set_adultAge],
	workingAgeMin: ['living', m.set_workingAgeMin],
	workingAgeMax: ['living', m.set_workingAgeMax],
	compulsoryAgeMin: ['education', m.set_compulsoryAgeMin],
	compulsoryAgeMax: ['education', m.set_compulsoryAgeMax],
	waterMinLitresPerDay: ['water', m.set_waterMinLitresPerDay],
	waterMinLitresPerDayDryArea: ['water', m.set_waterMinLitresPerDayDryArea],
	dryArea: ['water', m.set_dryArea],
	waterMaxTripMinutes: ['water', m.set_waterMaxTripMinutes],
	waterMaxTripDistanceM: ['water', m.set_waterMaxTripDistanceM],
	waterMaxTripClimbM: ['water', m.set_waterMaxTripClimbM],
	waterMaxCutDays: ['water', m.set_waterMaxCutDays],
	safeHousingGrades: ['water', m.set_safeHousingGrades],
	householdVisitEveryMonths: ['cadence', m.set_householdVisitEveryMonths],
	visitKindsCounted: ['cadence', m.set_visitKindsCounted],
	findingWindowMonths: ['cadence', m.set_findingWindowMonths],
	householdPlanDueMonths: ['cadence', m.set_householdPlanDueMonths],
	townshipCheckEveryMonths: ['cadence', m.set_townshipCheckEveryMonths],
	monthlyLedgerDueDay: ['cadence', m.set_monthlyLedgerDueDay],
	quarterlyReportDueDay: ['cadence', m.set_quarterlyReportDueDay],
	liaisonMeetingEveryMonths: ['cadence', m.set_liaisonMeetingEveryMonths],
	identificationMaxDays: ['case', m.set_identificationMaxDays],
	postingMinDays: ['case', m.set_postingMinDays],
	noMeasureAlertMonths: ['case', m.set_noMeasureAlertMonths],
	releaseStableIncomeMonths: ['case', m.set_releaseStableIncomeMonths],
	releaseMinMonitoredMonths: ['case', m.set_releaseMinMonitoredMonths],
	releaseMinMeasures: ['case', m.set_releaseMinMeasures],
	exitTargetPercents: ['targets', m.set_exitTargetPercents],
	targetIncomePerCapita: ['targets', m.set_targetIncomePerCapita],
	monitoredShareWatchPercent: ['targets', m.set_monitoredShareWatchPercent],
	principalVisitsPerTerm: ['school', m.set_principalVisitsPerTerm],
	deptHeadVisitsPerTerm: ['school', m.set_deptHeadVisitsPerTerm],
	jointMeetingsPerTerm: ['school', m.set_jointMeetingsPerTerm],
	secondedManagersPerTerm: ['school', m.set_secondedManagersPerTerm],
	springTermStartMonth: ['school', m.set_springTermStartMonth],
	autumnTermStartMonth: ['school', m.set_autumnTermStartMonth],
	studentHomeVisitsPerTerm: ['school', m.set_studentHomeVisitsPerTerm],
	studentTalksPerMonth: ['school', m.set_studentTalksPerMonth],
	schoolHolidayMonths: ['school', m.set_schoolHolidayMonths],
	absentParentCallsPerMonth: ['school', m.set_absentParentCallsPerMonth],
	planAssessmentsPerTerm: ['school', m.set_planAssessmentsPerTerm]
};
