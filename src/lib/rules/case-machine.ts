// The monitoring procedure as pure functions: which step may come next, and whether a step
// is allowed, with the norm and the figures when it is not. The services write a decision
// only after `checkStep` returned no refusal; the rules flag what got around it.
import { caseState, daysBetween, type CaseDecision, type CaseState } from '$lib/domain';
import { postingDays, roundOf } from './case-rules';
import { prepare } from './facts';
import { releaseGuards, type GuardId } from './release-guards';
import type { CaseFacts, RuleContext } from './types';

/** The procedure step by step; released may be reopened by a new nomination. */
const NEXT: Record<CaseState | 'none', readonly CaseState[]> = {
	none: ['nominated'],
	nominated: ['verified'],
	alerted: ['verified'],
	verified: ['posted'],
	posted: ['township_reviewed'],
	township_reviewed: ['county_approved'],
	county_approved: ['identified'],
	identified: ['helped', 'released'],
	helped: ['released'],
	released: ['nominated']
};

export function procedureNext(state: CaseState | undefined): readonly CaseState[] {
	return NEXT[state ?? 'none'] ?? [];
}

export type StepNorm =
	| 'CASE-STEP-ORDER'
	| 'CASE-STEP-DATE'
	| 'CASE-NOMINATE-SOURCE'
	| 'CASE-VERIFY-EVIDENCE'
	| 'CASE-POSTING-SHORT'
	| 'CASE-POSTING-OPEN'
	| 'CASE-ID-NO-RISK'
	| 'CASE-HELP-NO-MEASURE'
	| 'CASE-RELEASE-WAY'
	| GuardId;

/** Every norm a step can be refused under, for the screens' messages and the docs. */
export const STEP_NORMS: readonly StepNorm[] = [
	'CASE-STEP-ORDER',
	'CASE-STEP-DATE',
	'CASE-NOMINATE-SOURCE',
	'CASE-VERIFY-EVIDENCE',
	'CASE-POSTING-SHORT',
	'CASE-POSTING-OPEN',
	'CASE-ID-NO-RISK',
	'CASE-HELP-NO-MEASURE',
	'CASE-RELEASE-WAY',
	'CASE-EARLY-RELEASE',
	'CASE-RELEASE-BELOW-LINE',
	'CASE-RELEASE-UNSTABLE-INCOME',
	'CASE-RELEASE-NO-MEASURE',
	'CASE-RELEASE-NO-LABOUR',
	'CASE-RELEASE-INSECURE'
];

export interface Refusal {
	norm: StepNorm;
	figures: Record<string, string | number>;
}

/** A step as a form submits it (the decision without its list order). */
export type StepRequest = Omit<CaseDecision, 'order'>;

/** Every norm the step breaks; empty when it may be recorded. */
export function checkStep(f: CaseFacts, step: StepRequest, context: RuleContext): Refusal[] {
	const ctx = prepare(context);
	const c = f.case;
	const state = caseState(c.decisions);
	if (!procedureNext(state).includes(step.to))
		return [{ norm: 'CASE-STEP-ORDER', figures: { from: state ?? '', to: step.to } }];
	const r = roundOf(c);
	const out: Refusal[] = [];
	if (r.last && step.date < r.last.date)
		out.push({ norm: 'CASE-STEP-DATE', figures: { last: r.last.date, date: step.date } });
	switch (step.to) {
		case 'nominated':
			if (!step.source) out.push({ norm: 'CASE-NOMINATE-SOURCE', figures: {} });
			break;
		case 'verified':
			if (!step.checklistDone || !step.authorisationSigned)
				out.push({
					norm: 'CASE-VERIFY-EVIDENCE',
					figures: {
						checklistDone: step.checklistDone ? 1 : 0,
						authorisationSigned: step.authorisationSigned ? 1 : 0
					}
				});
			break;
		case 'posted': {
			const min = ctx.settings.postingMinDays;
			const { postingStart: start, postingEnd: end } = step;
			const days = start && end && end >= start ? postingDays(start, end) : 0;
			if (days < min)
				out.push({
					norm: 'CASE-POSTING-SHORT',
					figures: { start: start ?? '', end: end ?? '', days, min }
				});
			else if (step.date < end!)
				out.push({ norm: 'CASE-POSTING-OPEN', figures: { end: end!, date: step.date } });
			break;
		}
		case 'township_reviewed': {
			const end = r.posted?.postingEnd;
			if (end && step.date < end)
				out.push({ norm: 'CASE-POSTING-OPEN', figures: { end, date: step.date } });
			break;
		}
		case 'identified': {
			const risks = Object.values(c.categories ?? {}).filter(Boolean).length;
			if (risks === 0) out.push({ norm: 'CASE-ID-NO-RISK', figures: { risks } });
			break;
		}
		case 'helped': {
			let measures = 0;
			for (const p of f.plans)
				if (!p.deletedAt)
					for (const id in p.measures) if (p.measures[id]!.status !== 'cancelled') measures++;
			if (measures === 0) out.push({ norm: 'CASE-HELP-NO-MEASURE', figures: { measures } });
			break;
		}
		case 'released':
			if (!step.releaseWay) out.push({ norm: 'CASE-RELEASE-WAY', figures: {} });
			for (const g of releaseGuards(f, c, r.identified, step.date, ctx))
				out.push({ norm: g.norm, figures: g.figures });
			break;
	}
	return out;
}

/** Days from the risk being found to today or identification, for the case screen. */
export function daysToIdentification(f: CaseFacts, today: string): number | undefined {
	const r = roundOf(f.case);
	return r.entered ? daysBetween(r.entered, r.identified ?? today) : undefined;
}
