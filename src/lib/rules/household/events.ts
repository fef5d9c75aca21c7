// Categories 3 (production losses), 4 (industry project returns) and 9 (disasters and
// accidents), from the checklist answers (排查表) of the latest counted visits and expenses.
import { z } from 'zod';
import { defineRule } from '../define';
import { latestAnswer, viewOf } from '../facts';
import { toFen } from '../income';

const answerSettings = ['findingWindowMonths', 'visitKindsCounted'] as const;

export const prodLoss = defineRule({
	id: 'PROD-LOSS',
	category: 'production_loss',
	scope: 'household',
	severity: 'medium',
	settings: answerSettings,
	figures: z.object({ date: z.string(), amount: z.number() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		const yes = latestAnswer(v, 'production_loss');
		const amount = latestAnswer(v, 'production_loss_amount');
		const fires = yes?.answer === true || (typeof amount?.answer === 'number' && amount.answer > 0);
		if (!fires) return;
		const visit = (yes ?? amount)!.visit;
		report({
			figures: { date: visit.date, amount: typeof amount?.answer === 'number' ? amount.answer : 0 },
			item: { kind: 'visit', id: visit.id }
		});
	}
});

export const indReturns = defineRule({
	id: 'IND-RETURNS',
	category: 'industry_returns',
	scope: 'household',
	severity: 'medium',
	settings: [...answerSettings, 'industryReturnDropPercent'],
	figures: z.object({ date: z.string(), dropPercent: z.number() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		const pct = latestAnswer(v, 'industry_returns_drop_percent');
		const yes = latestAnswer(v, 'industry_returns_fall');
		const byPercent =
			typeof pct?.answer === 'number' && pct.answer >= ctx.settings.industryReturnDropPercent;
		if (!byPercent && yes?.answer !== true) return;
		const visit = (byPercent ? pct : yes)!.visit;
		report({
			figures: { date: visit.date, dropPercent: typeof pct?.answer === 'number' ? pct.answer : 0 },
			item: { kind: 'visit', id: visit.id }
		});
	}
});

export const disaster = defineRule({
	id: 'DISASTER',
	category: 'disaster_accident',
	scope: 'household',
	severity: 'high',
	settings: [...answerSettings, 'disasterExpenseMin', 'incomeWindowMonths'],
	figures: z.object({ date: z.string(), amount: z.number() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		const yes = latestAnswer(v, 'disaster');
		const loss = latestAnswer(v, 'disaster_loss_amount');
		if (yes?.answer === true || (typeof loss?.answer === 'number' && loss.answer > 0)) {
			const visit = (yes ?? loss)!.visit;
			const amount = typeof loss?.answer === 'number' ? loss.answer : 0;
			report({ figures: { date: visit.date, amount }, item: { kind: 'visit', id: visit.id } });
			return;
		}
		// A disaster expense in the income window, at least the setting's amount.
		const from = ctx.incomeFrom;
		let found: [string, number, string] | undefined;
		for (const id in f.household.expenses) {
			const e = f.household.expenses[id]!;
			if (e.kind !== 'disaster' || (e.date && e.date < from)) continue;
			const fen = toFen(e.amount);
			if (fen > 0 && fen >= toFen(ctx.settings.disasterExpenseMin) && (!found || fen > found[1]))
				found = [e.date ?? '', fen, id];
		}
		if (found)
			report({
				figures: { date: found[0], amount: found[1] / 100 },
				item: { kind: 'expense', id: found[2] }
			});
	}
});
