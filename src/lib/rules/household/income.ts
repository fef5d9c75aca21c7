// Category 1 (income drop, expense spike) and the medical spending alerts of category 6.
import { z } from 'zod';
import { defineRule } from '../define';
import { viewOf } from '../facts';
import { netIncomeFen, toFen } from '../income';

const yuan = z.number();

export const incLine = defineRule({
	id: 'INC-LINE',
	category: 'income_expense',
	scope: 'household',
	severity: 'high',
	settings: ['monitoringLines'],
	figures: z.object({ year: z.number().int(), perCapita: yuan, line: yuan }),
	evaluate(f, ctx, report) {
		const pc = viewOf(f, ctx).pc;
		if (pc?.line !== undefined && pc.below)
			report({ figures: { year: pc.year, perCapita: pc.perCapita, line: pc.line } });
	}
});

export const incDrop = defineRule({
	id: 'INC-DROP',
	category: 'income_expense',
	scope: 'household',
	severity: 'high',
	settings: ['incomeDropPercent'],
	figures: z.object({ year: z.number().int(), before: yuan, now: yuan, dropPercent: z.number() }),
	evaluate(f, ctx, report) {
		const pc = viewOf(f, ctx).pc;
		const h = f.household;
		const before = pc && h.incomes?.[String(pc.year - 1)];
		if (!pc || !before) return;
		const prev = netIncomeFen(before);
		const now = netIncomeFen(h.incomes?.[String(pc.year)] ?? {});
		// (prev − now) / prev ≥ p %, in integers; the figure is floored, never rounded up to p.
		if (prev <= 0 || (prev - now) * 100 < ctx.settings.incomeDropPercent * prev) return;
		report({
			figures: {
				year: pc.year,
				before: prev / 100,
				now: now / 100,
				dropPercent: Math.floor(((prev - now) * 100) / prev)
			}
		});
	}
});

export const expMedical = defineRule({
	id: 'EXP-MEDICAL',
	category: 'income_expense',
	scope: 'household',
	severity: 'high',
	settings: ['medicalYtdFormerPoor', 'medicalYtdOther'],
	figures: z.object({ year: z.number().int(), medicalYtd: yuan, line: yuan }),
	evaluate(f, ctx, report) {
		const s = ctx.settings;
		const line = viewOf(f, ctx).formerPoor ? s.medicalYtdFormerPoor : s.medicalYtdOther;
		const thisYear = String(ctx.year);
		let fen = 0;
		for (const id in f.household.expenses) {
			const e = f.household.expenses[id]!;
			if (e.kind === 'medical' && e.medicalKind !== 'outpatient' && e.date?.startsWith(thisYear))
				fen += toFen(e.amount);
		}
		if (fen >= toFen(line)) report({ figures: { year: ctx.year, medicalYtd: fen / 100, line } });
	}
});

export const expOutpatient = defineRule({
	id: 'EXP-OUTPATIENT',
	category: 'medical_insurance',
	scope: 'household',
	severity: 'medium',
	settings: ['medicalOutpatientMonthly', 'incomeWindowMonths'],
	figures: z.object({ month: z.string(), amount: yuan, line: yuan }),
	evaluate(f, ctx, report) {
		const s = ctx.settings;
		const from = ctx.incomeFrom;
		const byMonth = new Map<string, number>();
		for (const id in f.household.expenses) {
			const e = f.household.expenses[id]!;
			if (e.kind !== 'medical' || e.medicalKind !== 'outpatient' || !e.date || e.date < from)
				continue;
			const month = e.date.slice(0, 7);
			byMonth.set(month, (byMonth.get(month) ?? 0) + toFen(e.amount));
		}
		let worst: [string, number] | undefined;
		for (const [month, fen] of byMonth)
			if (fen >= toFen(s.medicalOutpatientMonthly) && (!worst || month > worst[0]))
				worst = [month, fen];
		if (worst)
			report({
				figures: { month: worst[0], amount: worst[1] / 100, line: s.medicalOutpatientMonthly }
			});
	}
});

export const expStay = defineRule({
	id: 'EXP-STAY',
	category: 'medical_insurance',
	scope: 'household',
	severity: 'high',
	settings: ['medicalSingleStayFormerPoor', 'medicalSingleStayOther', 'incomeWindowMonths'],
	figures: z.object({ date: z.string(), amount: yuan, line: yuan }),
	evaluate(f, ctx, report) {
		const s = ctx.settings;
		const line = viewOf(f, ctx).formerPoor
			? s.medicalSingleStayFormerPoor
			: s.medicalSingleStayOther;
		const from = ctx.incomeFrom;
		let worst: [string, number, string] | undefined;
		for (const id in f.household.expenses) {
			const e = f.household.expenses[id]!;
			if (e.kind !== 'medical' || e.medicalKind !== 'inpatient' || (e.date && e.date < from))
				continue;
			const fen = toFen(e.amount);
			if (fen > toFen(line) && (!worst || fen > worst[1])) worst = [e.date ?? '', fen, id];
		}
		if (worst)
			report({
				figures: { date: worst[0], amount: worst[1] / 100, line },
				item: { kind: 'expense', id: worst[2] }
			});
	}
});
