import type {
	Household,
	IsoDate,
	MonitoringCase,
	Plan,
	SettingsValues,
	monitoringCategories
} from '$lib/domain';

/**
 * Rule thresholds that DOMAIN.md leaves to local practice and that the settings schema does
 * not carry yet. Like every number a rule uses, they are settings with a default.
 */
export interface RuleThresholds {
	/** Per-capita income falling by this share year on year is a "sudden drop" (category 1). */
	incomeDropPercent: number;
	/** Members this old living alone are watched for basic living (category 2). */
	elderlyAge: number;
	/** Working age, for "no working-age labour" (category 10). */
	workingAgeMin: number;
	workingAgeMax: number;
}

export const DEFAULT_THRESHOLDS: RuleThresholds = {
	incomeDropPercent: 30,
	elderlyAge: 65,
	workingAgeMin: 16,
	workingAgeMax: 60
};

export type RuleSettings = SettingsValues & RuleThresholds;

export type AlertCategory = (typeof monitoringCategories)[number] | 'cadence' | 'data_quality';

/** Ids are stable: docs/rules.md describes each, tests name the id they check. */
export const RULE_IDS = [
	'INC-LINE',
	'INC-DROP',
	'EXP-MEDICAL',
	'LIV-ALONE',
	'LIV-CARE',
	'EDU-OUT',
	'MED-UNINSURED',
	'WATER',
	'HOUSING',
	'LABOUR-DIBAO',
	'VISIT-OVERDUE',
	'MEASURE-OVERDUE',
	'CASE-SLOW-ID',
	'CASE-NO-MEASURE',
	'CASE-EARLY-RELEASE',
	'CASE-RELEASE-BELOW-LINE',
	'ILLNESS-NO-OOP'
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * A derived alert: never stored, recomputed from records, settings and today's date. It names
 * the rule that fired and the figures that fired it, so the UI can say why in one line.
 */
export interface Alert {
	ruleId: RuleId;
	category: AlertCategory;
	severity: 'high' | 'medium' | 'low';
	householdId: string;
	/** The record the alert is about when it is not the household itself. */
	subject?: { kind: 'member' | 'case' | 'plan' | 'measure'; id: string };
	figures: Record<string, number | string>;
}

/** What the rules of one household look at. */
export interface HouseholdFacts {
	household: Household;
	cases: readonly MonitoringCase[];
	plans: readonly Plan[];
	/** Date of the latest visit to this household, from whichever year shard holds it. */
	lastVisit: IsoDate | undefined;
}

export interface RuleContext {
	settings: RuleSettings;
	today: IsoDate;
}

/**
 * What every household's evaluation would otherwise recompute: derived once per context.
 * Records reaching the rules are validated, so their dates are well-formed 'YYYY-MM-DD'
 * strings and the hot path compares and slices strings instead of parsing dates.
 */
export interface Prepared extends RuleContext {
	year: number;
	/** Today's 'MM-DD', for ages. */
	monthDay: string;
	/** A visit on or after this date is within the cadence. */
	visitCutoff: IsoDate;
	/** Monitoring line by year, resolved once (the latest configured year not after it). */
	lineFor(year: number): number | undefined;
}
