import type { SchoolPairingFacts, StudentFacts } from './school-facts';
import type {
	Filing,
	Household,
	IsoDate,
	MonitoringCase,
	Pairing,
	Plan,
	SettingsValues,
	Visit,
	monitoringCategories
} from '$lib/domain';

/** Every threshold a rule reads is a workspace setting (domain/settings.ts) with a default. */
export type RuleSettings = SettingsValues;
export type SettingKey = keyof SettingsValues;

export type AlertCategory = (typeof monitoringCategories)[number] | 'cadence' | 'data_quality';
export type Severity = 'high' | 'medium' | 'low';

/**
 * What a rule looks at, and so what an edit re-evaluates: one household (its file, its plans,
 * its visits and its pairings), one of its cases (with the household), a student, a school, or
 * the workspace's deadlines.
 */
export type RuleScope = 'household' | 'case' | 'student' | 'school' | 'workspace';

/** The record an alert is about and opens. */
export interface AlertSubject {
	kind: 'household' | 'case' | 'student' | 'school' | 'workspace';
	id: string;
}

/** A part of the subject the alert points at (highlighted when the record opens). */
export interface AlertItem {
	kind: 'member' | 'measure' | 'plan' | 'expense' | 'visit';
	id: string;
}

/** What every household's evaluation would otherwise recompute: derived once per context. */
export interface Prepared extends RuleContext {
	year: number;
	/** Today's 'MM-DD', for ages. */
	monthDay: string;
	/** A visit on or after this date is within the default household cadence. */
	visitCutoff: IsoDate;
	/** The same for a cadence of `months` (a pairing's own), cached. */
	cutoffFor(months: number): IsoDate;
	/** This year's household plan is due by this date. */
	planDue: IsoDate;
	/** Monitoring line by year, resolved once (the latest configured year not after it). */
	lineFor(year: number): number | undefined;
	/** Visit kinds that count as meeting the household. */
	counted: ReadonlySet<string>;
	/** today − `incomeWindowMonths`: expenses from this date count (medical, disaster). */
	incomeFrom: IsoDate;
	/** today − `findingWindowMonths`: checklist answers from this date count. */
	findingFrom: IsoDate;
}

export interface RuleContext {
	settings: RuleSettings;
	today: IsoDate;
	/**
	 * The workspace's first day (its creation, in its time zone; `workspaceStart`): the work
	 * group's deadlines count from it, so no period that ended before it is ever due.
	 * Without it (not known yet) every period counts.
	 */
	start?: IsoDate;
}

/** A household's facts: its own file and what hangs off it. */
export interface HouseholdFacts {
	household: Household;
	cases: readonly MonitoringCase[];
	plans: readonly Plan[];
	/**
	 * Its visits (any kind; deleted ones filtered out before they get here), when the shards
	 * are loaded. Without them the rules fall back to `lastVisit`.
	 */
	visits?: readonly Visit[];
	/** Date of the latest visit that counts (from the summary), when `visits` is absent. */
	lastVisit: IsoDate | undefined;
	/** Its member ↔ household pairings (helper history; the current one has no end date). */
	pairings?: readonly Pairing[];
}

export interface CaseFacts extends HouseholdFacts {
	case: MonitoringCase;
}

export interface WorkspaceFacts {
	filings: readonly Filing[];
	/** Households that count (not deleted): the deadlines apply to work groups that have some. */
	householdCount: number;
}

export interface ScopeFacts {
	household: HouseholdFacts;
	case: CaseFacts;
	/** The school-side rules (school-rules.ts). */
	student: StudentFacts;
	school: SchoolPairingFacts;
	workspace: WorkspaceFacts;
}
