import { z } from 'zod';
import {
	actorId,
	keyedList,
	longText,
	recordId,
	recordMeta,
	shortText,
	sortedItems,
	itemOrder
} from './common';
import { pastDate } from './dates';

/** The procedure of a monitoring case (监测帮扶工作流程), in order. */
export const caseStates = [
	'nominated',
	'alerted',
	'verified',
	'identified',
	'helped',
	'released'
] as const;
export type CaseState = (typeof caseStates)[number];

/**
 * Allowed steps. A case enters by nomination (household application, village group) or by an
 * alert (sector data, a rule); a nominated case may be verified without a separate alert.
 * A released case can be taken up again by a new nomination or alert (risk returned).
 */
const NEXT: Record<CaseState, readonly CaseState[]> = {
	nominated: ['alerted', 'verified'],
	alerted: ['verified'],
	verified: ['identified'],
	identified: ['helped', 'released'],
	helped: ['released'],
	released: ['nominated', 'alerted']
};
const ENTRY: readonly CaseState[] = ['nominated', 'alerted'];

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
	/** For 'alerted': the rule id that fired, so the case says why. */
	ruleId: shortText.optional()
});
export type CaseDecision = z.infer<typeof caseDecision>;

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
	notes: longText.optional()
});
export const monitoringCaseDraft = monitoringCaseFields.superRefine(checkDecisions);
export const monitoringCase = recordMeta
	.extend(monitoringCaseFields.shape)
	.superRefine(checkDecisions);
export type MonitoringCase = z.infer<typeof monitoringCase>;
