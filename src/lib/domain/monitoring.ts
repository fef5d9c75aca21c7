import { z } from 'zod';
import {
	actorId,
	blobRef,
	keyedList,
	longText,
	recordId,
	recordMeta,
	shortText,
	sortedItems,
	itemOrder,
	yuan
} from './common';
import { isoDate, pastDate } from './dates';

/**
 * The procedure of a monitoring case (监测帮扶工作流程), in order: nominated (or, in records
 * written before the full procedure, alerted) → verified (home check with the 排查表 and the
 * signed authorisation) → posted (village review and 公示) → township review → county
 * approval → identified → helped → released. The strict procedure with its evidence and the
 * release guards is `rules/case-machine.ts`; the schema only keeps steps moving forward.
 */
export const caseStates = [
	'nominated',
	'alerted',
	'verified',
	'posted',
	'township_reviewed',
	'county_approved',
	'identified',
	'helped',
	'released'
] as const;
export type CaseState = (typeof caseStates)[number];

/** How a case entered: household application, village group nomination, sector data, a rule. */
export const caseSources = [
	'household_application',
	'village_nomination',
	'sector_data',
	'rule_alert'
] as const;

const ENTRY: readonly CaseState[] = ['nominated', 'alerted'];

/**
 * Steps the stored record may hold. Records written before the review steps existed went
 * verified → identified, so the schema lets the review steps be skipped; the procedure with
 * its evidence is enforced where decisions are taken (`rules/case-machine.ts`).
 */
const NEXT: Record<CaseState, readonly CaseState[]> = {
	nominated: ['alerted', 'verified'],
	alerted: ['verified'],
	verified: ['posted', 'township_reviewed', 'county_approved', 'identified'],
	posted: ['township_reviewed', 'county_approved', 'identified'],
	township_reviewed: ['county_approved', 'identified'],
	county_approved: ['identified'],
	identified: ['helped', 'released'],
	helped: ['released'],
	/** Reopened: the risk returned. */
	released: ['nominated', 'alerted']
};

export function nextCaseStates(from: CaseState | undefined): readonly CaseState[] {
	return from === undefined ? ENTRY : NEXT[from];
}

export function canTransition(from: CaseState | undefined, to: CaseState): boolean {
	return nextCaseStates(from).includes(to);
}

/** The ten monitoring categories (监测范围) of the monitoring plan. */
export const monitoringCategories = [
	'income_expense',
	'basic_living',
	'production_loss',
	'industry_returns',
	'compulsory_education',
	'medical_insurance',
	'drinking_water',
	'housing_safety',
	'disaster_accident',
	'special_household'
] as const;

/** One dated step of a case and who took it. */
export const caseDecision = z.object({
	order: itemOrder,
	to: z.enum(caseStates, { error: 'enum.invalid' }),
	date: pastDate,
	decidedBy: actorId,
	note: shortText.optional(),
	/** For 'released': 帮扶消除 (through help) or 自然消除 (naturally). */
	releaseWay: z.enum(['through_help', 'natural'], { error: 'enum.invalid' }).optional(),
	/** For 'alerted' or a nomination from a rule: the rule id that fired, so the case says why. */
	ruleId: shortText.optional(),
	/** For 'nominated': how the case came in. */
	source: z.enum(caseSources, { error: 'enum.invalid' }).optional(),
	/** For 'verified': the 排查表 was filled in and the household signed the authorisation. */
	checklistDone: z.boolean().optional(),
	authorisationSigned: z.boolean().optional(),
	/** The signed authorisation, photographed or scanned (a blob, uploaded like visit photos). */
	authorisationScan: blobRef.optional(),
	visitId: recordId.optional(),
	/** For 'posted': the village posting (公示) ran from … to …. */
	postingStart: isoDate.optional(),
	postingEnd: isoDate.optional()
});
export type CaseDecision = z.infer<typeof caseDecision>;

/** One income check of a monitored household: per-capita net income on a date. */
export const incomeCheck = z.object({
	order: itemOrder,
	date: pastDate,
	perCapita: yuan('income.negative'),
	checkedBy: actorId.optional()
});
export type IncomeCheck = z.infer<typeof incomeCheck>;

type Decisions = Record<string, CaseDecision & { order?: number | undefined }> | undefined;

/**
 * Decisions in the order they were taken: by date, then by list order. Two people recording
 * the same step offline both keep their row; a repeated step counts once.
 */
export function caseSteps(decisions: Decisions): (CaseDecision & { id: string })[] {
	return sortedItems(decisions).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function caseState(decisions: Decisions): CaseState | undefined {
	return caseSteps(decisions).at(-1)?.to;
}

function checkDecisions<T extends { decisions?: Decisions }>(value: T, ctx: z.RefinementCtx<T>) {
	let state: CaseState | undefined;
	for (const step of caseSteps(value.decisions)) {
		if (step.to === state) continue;
		if (!canTransition(state, step.to)) {
			ctx.addIssue({
				code: 'custom',
				message: 'case.transition',
				path: ['decisions', step.id, 'to']
			});
			return;
		}
		state = step.to;
	}
	const byOrder = sortedItems(value.decisions);
	for (let i = 1; i < byOrder.length; i++) {
		const prev = byOrder[i - 1];
		const cur = byOrder[i];
		if (
			prev &&
			cur &&
			cur.date < prev.date &&
			caseStates.indexOf(cur.to) > caseStates.indexOf(prev.to)
		)
			ctx.addIssue({
				code: 'custom',
				message: 'case.decision_order',
				path: ['decisions', cur.id, 'date']
			});
	}
}

/** 监测对象/监测案例: a monitored household's case and its dated decisions. */
export const monitoringCaseFields = z.object({
	householdId: recordId,
	categories: z
		.partialRecord(z.enum(monitoringCategories, { error: 'enum.invalid' }), z.boolean())
		.optional(),
	decisions: keyedList(caseDecision).optional(),
	/** Per-capita net income checks while monitored (yuan a year): the release guard reads them. */
	incomeChecks: keyedList(incomeCheck).optional(),
	notes: longText.optional()
});
export const monitoringCaseDraft = monitoringCaseFields.superRefine(checkDecisions);
export const monitoringCase = recordMeta
	.extend(monitoringCaseFields.shape)
	.superRefine(checkDecisions);
export type MonitoringCase = z.infer<typeof monitoringCase>;
