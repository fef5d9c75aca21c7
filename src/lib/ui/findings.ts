// The checklist answers of a visit (排查表, domain/checklist.ts) as lines a person reads:
// a "yes" answer by its question, an amount or a percent with its unit, a note as written.
// "No" answers are not listed: the card says what was found.
import { m } from '$lib/paraglide/messages.js';
import { CHECKLIST, type ChecklistQuestion } from '$lib/domain';

const LABELS: Record<ChecklistQuestion, () => string> = {
	illness: m.finding_illness,
	out_of_school: m.finding_out_of_school,
	housing: m.finding_housing,
	water: m.finding_water,
	income_drop: m.finding_income_drop,
	food_clothing: m.finding_food_clothing,
	production_loss: m.finding_production_loss,
	production_loss_amount: m.finding_production_loss_amount,
	industry_returns_fall: m.finding_industry_returns_fall,
	industry_returns_drop_percent: m.finding_industry_returns_drop_percent,
	disaster: m.finding_disaster,
	disaster_loss_amount: m.finding_disaster_loss_amount
};

const known = (k: string): k is ChecklistQuestion => k in CHECKLIST;

export function findingLines(findings: Record<string, unknown> | undefined): string[] {
	const out: string[] = [];
	for (const [k, v] of Object.entries(findings ?? {})) {
		if (v === false || v === undefined || v === null || v === '') continue;
		const label = known(k) ? LABELS[k]() : k; // a question a newer version asked
		if (v === true) out.push(label);
		else if (typeof v === 'number' && known(k) && CHECKLIST[k] === 'amount')
			out.push(m.finding_amount({ label, amount: v.toLocaleString('zh-CN') }));
		else if (typeof v === 'number' && known(k) && CHECKLIST[k] === 'percent')
			out.push(m.finding_percent({ label, percent: v }));
		else out.push(`${label}：${String(v)}`);
	}
	return out;
}
