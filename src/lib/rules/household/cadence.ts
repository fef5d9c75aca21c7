// Cadences of a paired household: a visit that met the household every N months, measures
// on time, and a plan for the year.
import { z } from 'zod';
import { addMonths } from '$lib/domain';
import { defineRule } from '../define';
import { viewOf } from '../facts';

export const visitOverdue = defineRule({
	id: 'VISIT-OVERDUE',
	category: 'cadence',
	scope: 'household',
	severity: 'medium',
	settings: ['householdVisitEveryMonths', 'visitKindsCounted'],
	figures: z.object({ lastVisit: z.string(), dueDate: z.string(), months: z.number().int() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		const months = v.visitEveryMonths;
		const cutoff = ctx.cutoffFor(months);
		// Same test as last visit + N months < today, without date math for those on time.
		if (v.lastVisit && v.lastVisit >= cutoff) return;
		report({
			figures: v.lastVisit
				? { lastVisit: v.lastVisit, dueDate: addMonths(v.lastVisit, months), months }
				: { lastVisit: '', dueDate: '', months }
		});
	}
});

export const measureOverdue = defineRule({
	id: 'MEASURE-OVERDUE',
	category: 'cadence',
	scope: 'household',
	severity: 'medium',
	settings: [],
	figures: z.object({ count: z.number().int(), dueDate: z.string() }),
	evaluate(f, ctx, report) {
		// One alert per household, counting them: a cadre's list shows the household once.
		let count = 0;
		let dueDate = '';
		for (const p of f.plans) {
			if (p.deletedAt) continue;
			for (const id in p.measures) {
				const m = p.measures[id]!;
				if (!m.dueDate || m.dueDate >= ctx.today || m.status === 'done' || m.status === 'cancelled')
					continue;
				count++;
				if (!dueDate || m.dueDate < dueDate) dueDate = m.dueDate;
			}
		}
		if (count > 0) report({ figures: { count, dueDate } });
	}
});

export const planMissing = defineRule({
	id: 'PLAN-MISSING',
	category: 'cadence',
	scope: 'household',
	severity: 'low',
	settings: ['householdPlanDueMonths'],
	figures: z.object({ year: z.number().int(), dueDate: z.string() }),
	evaluate(f, ctx, report) {
		// The norm is a plan per paired household per year: households nobody is paired with
		// are not counted here (they show in VISIT-OVERDUE instead).
		const paired = f.pairings?.some((p) => !p.deletedAt && (!p.endDate || p.endDate >= ctx.today));
		if (!paired) return;
		const dueDate = ctx.planDue;
		if (ctx.today <= dueDate) return;
		if (f.plans.some((p) => !p.deletedAt && p.year === ctx.year)) return;
		report({ figures: { year: ctx.year, dueDate } });
	}
});
