import { z } from 'zod';
import { percent, recordMeta, shortText, yuan } from './common';
import { DEFAULT_TIME_ZONE } from './dates';
import { visitKinds } from './visit';

/**
 * Every number from DOMAIN.md's field norms is here with its default: provinces differ, so a
 * county sets its own and no rule hard-codes one. Defaults cite where they come from.
 */
const money = yuan('amount.negative');
const days = z
	.number()
	.int('number.not_integer')
	.min(0, 'number.too_small')
	.max(3_660, 'number.too_large');
const months = z
	.number()
	.int('number.not_integer')
	.min(0, 'number.too_small')
	.max(120, 'number.too_large');
const dayOfMonth = z
	.number()
	.int('number.not_integer')
	.min(1, 'number.too_small')
	.max(28, 'number.too_large');

export const settingsValues = z.object({
	timeZone: z.string().min(1).default(DEFAULT_TIME_ZONE),
	/** Monitoring line (监测线) in yuan per person per year, by year; national 2021: 6,000. */
	monitoringLines: z
		.record(z.string().regex(/^\d{4}$/, 'year.invalid'), money)
		.default({ '2021': 6000 }),
	/** Income is counted over the months before a check. */
	incomeWindowMonths: months.default(12),
	/** Marginal households: roughly 4,000–6,000 yuan per person (2021 example). */
	marginalIncomeMin: money.default(4000),
	marginalIncomeMax: money.default(6000),
	/** Dashboard figure to watch (about 5 % of registered people), not a cap. */
	monitoredShareWatchPercent: percent.default(5),
	/** Household targets: share out of poverty in years 1/2/3 and per-capita net income. */
	exitTargetPercents: z.tuple([percent, percent, percent]).default([60, 80, 100]),
	targetIncomePerCapita: money.default(5000),
	/** Cadences and deadlines. */
	householdVisitEveryMonths: months.default(3),
	townshipCheckEveryMonths: months.default(1),
	monthlyLedgerDueDay: dayOfMonth.default(10),
	/** Day of the last month of the quarter. */
	quarterlyReportDueDay: dayOfMonth.default(15),
	liaisonMeetingEveryMonths: months.default(3),
	/** Identification procedure and release. */
	identificationMaxDays: days.default(15),
	postingMinDays: days.default(5),
	releaseStableIncomeMonths: months.default(6),
	releaseMinMonitoredMonths: months.default(6),
	releaseMinMeasures: z.number().int().min(0).default(1),
	noMeasureAlertMonths: months.default(1),
	/** 义务教育: ages watched for schooling (6–16 by the plan; 15 in some provinces). */
	compulsoryAgeMin: z.number().int().min(0).max(30).default(6),
	compulsoryAgeMax: z.number().int().min(0).max(30).default(16),
	/** Drinking water safety. */
	waterMinLitresPerDay: z.number().min(0).default(35),
	waterMinLitresPerDayDryArea: z.number().min(0).default(20),
	dryArea: z.boolean().default(false),
	waterMaxTripMinutes: z.number().min(0).default(20),
	waterMaxTripDistanceM: z.number().min(0).default(800),
	waterMaxTripClimbM: z.number().min(0).default(80),
	waterMaxCutDays: days.default(36),
	/** Housing grades counted as safe. */
	safeHousingGrades: z
		.array(z.enum(['A', 'B', 'C', 'D'], { error: 'enum.invalid' }))
		.default(['A', 'B']),
	/** Medical alerts (local examples). */
	medicalYtdFormerPoor: money.default(5000),
	medicalYtdOther: money.default(20000),
	medicalOutpatientMonthly: money.default(500),
	medicalSingleStayFormerPoor: money.default(6000),
	medicalSingleStayOther: money.default(10000),
	/** A year's plan per paired household, due this many months into the year. */
	householdPlanDueMonths: months.default(1),
	/** Contacts that meet the household count as visits; a phone call does not by default. */
	visitKindsCounted: z
		.array(z.enum(visitKinds, { error: 'enum.invalid' }))
		.default(['visit', 'home_visit']),
	/** Checklist answers (排查表) of a visit count for this many months (categories 2, 3, 4, 9). */
	findingWindowMonths: months.default(3),
	/** A disaster expense this large within the income window is category 9 on its own. */
	disasterExpenseMin: money.default(0),
	/** Industry project returns falling by this share are category 4 (local practice). */
	industryReturnDropPercent: percent.default(30),
	/** Per-capita income falling by this share year on year is a sudden drop (category 1). */
	incomeDropPercent: percent.default(30),
	/** Members this old living alone are watched for basic living (category 2). */
	elderlyAge: z.number().int().min(0).max(120).default(65),
	/** Below this age with no adult in the household: an orphan (category 2). */
	adultAge: z.number().int().min(0).max(30).default(18),
	/** Working age, for "no working-age labour" (category 10) and the release guard. */
	workingAgeMin: z.number().int().min(0).max(120).default(16),
	workingAgeMax: z.number().int().min(0).max(120).default(60),
	/** School pairing agreement minimums per term. */
	principalVisitsPerTerm: z.number().int().min(0).default(2),
	deptHeadVisitsPerTerm: z.number().int().min(0).default(3),
	jointMeetingsPerTerm: z.number().int().min(0).default(2),
	secondedManagersPerTerm: z.number().int().min(0).default(1),
	/** School terms (学期) start on the 1st of these months (term.ts). */
	springTermStartMonth: z.number().int().min(1).max(12).default(2),
	autumnTermStartMonth: z.number().int().min(1).max(12).default(9),
	/** School casework (local examples): home visits per adopted student per term. */
	studentHomeVisitsPerTerm: z.number().int().min(0).default(1),
	/** Talks with each paired student per month, and calls to absent parents per month. */
	studentTalksPerMonth: z.number().int().min(0).default(1),
	/** Months without school (寒暑假), when the monthly talk is not due. */
	schoolHolidayMonths: z.array(z.number().int().min(1).max(12)).default([1, 2, 7, 8]),
	absentParentCallsPerMonth: z.number().int().min(0).default(1),
	/** A struggling-student plan is assessed at least this often per term. */
	planAssessmentsPerTerm: z.number().int().min(0).default(1)
});
export type SettingsValues = z.infer<typeof settingsValues>;

/** 工作区设置: the workspace's name and its settings. One record, id 'workspace'. */
export const settingsFields = settingsValues.extend({
	name: shortText.optional(),
	workspaceKind: z
		.enum(['school', 'school_pairing', 'work_group'], { error: 'enum.invalid' })
		.optional()
});
export const settings = recordMeta.partial().extend(settingsFields.shape);
export type Settings = z.infer<typeof settings>;

export const SETTINGS_ID = 'workspace';

/** All defaults, e.g. for a workspace nobody has configured yet. */
export const DEFAULT_SETTINGS: SettingsValues = settingsValues.parse({});

/** The monitoring line for `year`: the latest configured year not after it. */
export function monitoringLineFor(
	s: Pick<SettingsValues, 'monitoringLines'>,
	year: number
): number | undefined {
	let best: [number, number] | undefined;
	for (const [y, line] of Object.entries(s.monitoringLines)) {
		const yy = Number(y);
		if (yy <= year && (!best || yy > best[0])) best = [yy, line];
	}
	return best?.[1];
}
