// Rules over one monitoring case: the procedure's deadlines (identification ≤ 15 days, posting
// ≥ 5 days, a measure within a month) and the release norms on a release already recorded.
import { z } from 'zod';
import { addDays, addMonths, caseSteps, daysBetween, type CaseState } from '$lib/domain';
import { defineRule } from './define';
import { releaseGuards, type GuardId } from './release-guards';
import type { CaseFacts, Prepared } from './types';
import type { RuleDef } from './define';

const ENTRY: readonly CaseState[] = ['nominated', 'alerted'];

/** The latest round of a case (a released case may be taken up again), cached per facts. */
export function roundOf(c: CaseFacts['case']) {
	const steps = caseSteps(c.decisions);
	let entry = -1;
	for (let i = steps.length - 1; i >= 0; i--)
		if (ENTRY.includes(steps[i]!.to)) {
			entry = i;
			break;
		}
	const round = entry >= 0 ? steps.slice(entry) : steps;
	return {
		steps,
		round,
		last: steps.at(-1),
		entered: entry >= 0 ? round[0]!.date : undefined,
		identified: round.find((st) => st.to === 'identified')?.date,
		posted: round.find((st) => st.to === 'posted'),
		released: round.find((st) => st.to === 'released')
	};
}

export const caseSlowId = defineRule({
	id: 'CASE-SLOW-ID',
	category: 'data_quality',
	scope: 'case',
	severity: 'high',
	settings: ['identificationMaxDays'],
	figures: z.object({
		entered: z.string(),
		days: z.number().int(),
		limit: z.number().int(),
		dueDate: z.string()
	}),
	evaluate(f, ctx, report) {
		const r = roundOf(f.case);
		if (!r.entered || !r.last) return;
		const limit = ctx.settings.identificationMaxDays;
		const days = daysBetween(r.entered, r.identified ?? ctx.today);
		const pending = !r.identified && r.last.to !== 'released';
		if (days > limit && (pending || r.identified))
			report({
				severity: pending ? 'high' : 'low',
				figures: { entered: r.entered, days, limit, dueDate: addDays(r.entered, limit) }
			});
	}
});

export const casePostingShort = defineRule({
	id: 'CASE-POSTING-SHORT',
	category: 'data_quality',
	scope: 'case',
	severity: 'medium',
	settings: ['postingMinDays'],
	figures: z.object({
		start: z.string(),
		end: z.string(),
		days: z.number().int(),
		min: z.number()
	}),
	evaluate(f, ctx, report) {
		const p = roundOf(f.case).posted;
		if (!p) return;
		const min = ctx.settings.postingMinDays;
		const days = p.postingStart && p.postingEnd ? postingDays(p.postingStart, p.postingEnd) : 0;
		if (days < min)
			report({ figures: { start: p.postingStart ?? '', end: p.postingEnd ?? '', days, min } });
	}
});

/** Days a posting ran, both ends counted: 1st to 5th is 5 days. */
export function postingDays(start: string, end: string): number {
	return daysBetween(start, end) + 1;
}

export const caseNoMeasure = defineRule({
	id: 'CASE-NO-MEASURE',
	category: 'data_quality',
	scope: 'case',
	severity: 'high',
	settings: ['noMeasureAlertMonths', 'releaseMinMeasures'],
	figures: z.object({ identified: z.string(), dueDate: z.string(), measures: z.number().int() }),
	evaluate(f, ctx, report) {
		const r = roundOf(f.case);
		if (!r.identified || r.released) return;
		let measures = 0;
		for (const p of f.plans)
			if (!p.deletedAt)
				for (const id in p.measures) if (p.measures[id]!.status !== 'cancelled') measures++;
		if (measures >= ctx.settings.releaseMinMeasures) return;
		const dueDate = addMonths(r.identified, ctx.settings.noMeasureAlertMonths);
		if (dueDate < ctx.today) report({ figures: { identified: r.identified, dueDate, measures } });
	}
});

/** A release norm, as a rule flagging a release already recorded that breaks it. */
function guardRule<const Id extends GuardId, F extends z.ZodType>(
	id: Id,
	severity: 'high' | 'medium',
	settings: RuleDef['settings'],
	figures: F
) {
	return defineRule({
		id,
		category: 'data_quality',
		scope: 'case',
		severity,
		settings,
		figures,
		evaluate(f: CaseFacts, ctx: Prepared, report) {
			const r = roundOf(f.case);
			if (!r.released || r.last?.to !== 'released') return;
			for (const g of releaseGuards(f, f.case, r.identified, r.released.date, ctx))
				if (g.norm === id) report({ figures: g.figures as z.output<F> });
		}
	});
}

export const caseEarlyRelease = guardRule(
	'CASE-EARLY-RELEASE',
	'medium',
	['releaseMinMonitoredMonths'],
	z.object({ identified: z.string(), released: z.string(), earliest: z.string() })
);
export const caseReleaseBelowLine = guardRule(
	'CASE-RELEASE-BELOW-LINE',
	'high',
	['monitoringLines'],
	z.object({ year: z.number().int(), perCapita: z.number(), line: z.number() })
);
export const caseReleaseUnstableIncome = guardRule(
	'CASE-RELEASE-UNSTABLE-INCOME',
	'medium',
	['releaseStableIncomeMonths', 'monitoringLines'],
	z.object({ stableSince: z.string(), required: z.string(), months: z.number().int() })
);
export const caseReleaseNoMeasure = guardRule(
	'CASE-RELEASE-NO-MEASURE',
	'high',
	['releaseMinMeasures'],
	z.object({ identified: z.string(), measures: z.number().int(), min: z.number().int() })
);
export const caseReleaseNoLabour = guardRule(
	'CASE-RELEASE-NO-LABOUR',
	'high',
	['workingAgeMin', 'workingAgeMax'],
	z.object({ members: z.number().int() })
);
export const caseReleaseInsecure = guardRule(
	'CASE-RELEASE-INSECURE',
	'high',
	['compulsoryAgeMin', 'compulsoryAgeMax', 'safeHousingGrades', 'waterMinLitresPerDay'],
	z.object({ areas: z.string() })
);
