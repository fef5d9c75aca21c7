// 三保障 and water: categories 5 (compulsory education), 6 (medical insurance), 7 (drinking
// water), 8 (housing), and the data-quality check on risk type "illness".
import { z } from 'zod';
import type { Household } from '$lib/domain';
import { defineRule } from '../define';
import { ageOf } from '../facts';
import type { HouseholdFacts, Prepared } from '../types';

/** Members of compulsory-school age out of school, with their age. */
function outOfSchool(h: Household, ctx: Prepared): [string, number][] {
	const out: [string, number][] = [];
	const s = ctx.settings;
	for (const id in h.members) {
		const m = h.members[id]!;
		if (!m.birthDate || (m.schooling !== 'dropped_out' && m.schooling !== 'not_in_school'))
			continue;
		const age = ageOf(m.birthDate, ctx);
		if (age >= s.compulsoryAgeMin && age <= s.compulsoryAgeMax) out.push([id, age]);
	}
	return out;
}

function uninsured(h: Household): string[] {
	const out: string[] = [];
	for (const id in h.members) {
		const m = h.members[id]!;
		if (m.residentMedical === false && !m.employeeMedical) out.push(id);
	}
	return out;
}

function waterFailures(h: Household, ctx: Prepared): Record<string, number> {
	const s = ctx.settings;
	const minLitres = s.dryArea ? s.waterMinLitresPerDayDryArea : s.waterMinLitresPerDay;
	const out: Record<string, number> = {};
	if (h.waterLitresPerDay !== undefined && h.waterLitresPerDay < minLitres)
		out.litres = h.waterLitresPerDay;
	if (
		!h.waterPiped &&
		h.waterTripMinutes !== undefined &&
		h.waterTripMinutes > s.waterMaxTripMinutes
	)
		out.tripMinutes = h.waterTripMinutes;
	if (h.waterCutDays !== undefined && h.waterCutDays > s.waterMaxCutDays)
		out.cutDays = h.waterCutDays;
	if (h.waterQualityOk === false) out.qualityBad = 1;
	return out;
}

const unsafeHousing = (h: Household, ctx: Prepared) =>
	Boolean(h.housingGrade && !ctx.settings.safeHousingGrades.includes(h.housingGrade));

/** Which of 三保障 and water is not secure now (the release guard reads this). */
export function insecureAreas(h: Household, ctx: Prepared): string[] {
	const out: string[] = [];
	if (outOfSchool(h, ctx).length > 0) out.push('education');
	if (uninsured(h).length > 0) out.push('medical');
	if (unsafeHousing(h, ctx)) out.push('housing');
	if (Object.keys(waterFailures(h, ctx)).length > 0) out.push('water');
	return out;
}

function hasMeasure(f: HouseholdFacts, types: readonly string[]): boolean {
	for (const p of f.plans) {
		if (p.deletedAt) continue;
		for (const id in p.measures) {
			const m = p.measures[id]!;
			if (types.includes(m.type) && m.status !== 'cancelled') return true;
		}
	}
	return false;
}

export const eduOut = defineRule({
	id: 'EDU-OUT',
	category: 'compulsory_education',
	scope: 'household',
	severity: 'high',
	settings: ['compulsoryAgeMin', 'compulsoryAgeMax'],
	figures: z.object({ age: z.number().int() }),
	evaluate(f, ctx, report) {
		for (const [id, age] of outOfSchool(f.household, ctx))
			report({ figures: { age }, item: { kind: 'member', id } });
	}
});

export const medUninsured = defineRule({
	id: 'MED-UNINSURED',
	category: 'medical_insurance',
	scope: 'household',
	severity: 'medium',
	settings: [],
	figures: z.object({}),
	evaluate(f, _ctx, report) {
		// A health or insurance measure under way is the follow-up: no alert then.
		if (hasMeasure(f, ['health', 'insurance'])) return;
		for (const id of uninsured(f.household)) report({ figures: {}, item: { kind: 'member', id } });
	}
});

export const medNoSerious = defineRule({
	id: 'MED-NO-SERIOUS',
	category: 'medical_insurance',
	scope: 'household',
	severity: 'low',
	settings: [],
	figures: z.object({}),
	evaluate(f, _ctx, report) {
		for (const id in f.household.members) {
			const m = f.household.members[id]!;
			if ((m.residentMedical || m.employeeMedical) && m.seriousIllness === false)
				report({ figures: {}, item: { kind: 'member', id } });
		}
	}
});

const MONITORED_TYPES = new Set(['unstable_after_exit', 'marginal', 'sudden_hardship']);

export const medNoAssist = defineRule({
	id: 'MED-NO-ASSIST',
	category: 'medical_insurance',
	scope: 'household',
	severity: 'medium',
	settings: [],
	figures: z.object({}),
	evaluate(f, _ctx, report) {
		const h = f.household;
		const eligible =
			(h.type !== undefined && MONITORED_TYPES.has(h.type)) ||
			h.policies?.dibao ||
			h.policies?.tekun;
		if (!eligible) return;
		for (const id in h.members) {
			const m = h.members[id]!;
			if ((m.health === 'serious' || m.health === 'chronic') && m.medicalAssistance === false)
				report({ figures: {}, item: { kind: 'member', id } });
		}
	}
});

export const water = defineRule({
	id: 'WATER',
	category: 'drinking_water',
	scope: 'household',
	severity: 'medium',
	settings: [
		'waterMinLitresPerDay',
		'waterMinLitresPerDayDryArea',
		'dryArea',
		'waterMaxTripMinutes',
		'waterMaxCutDays'
	],
	figures: z.object({
		litres: z.number().optional(),
		tripMinutes: z.number().optional(),
		cutDays: z.number().optional(),
		qualityBad: z.number().optional()
	}),
	evaluate(f, ctx, report) {
		const figures = waterFailures(f.household, ctx);
		if (Object.keys(figures).length > 0) report({ figures });
	}
});

export const housing = defineRule({
	id: 'HOUSING',
	category: 'housing_safety',
	scope: 'household',
	severity: 'high',
	settings: ['safeHousingGrades'],
	figures: z.object({ grade: z.string() }),
	evaluate(f, ctx, report) {
		if (unsafeHousing(f.household, ctx)) report({ figures: { grade: f.household.housingGrade! } });
	}
});

export const illnessNoOop = defineRule({
	id: 'ILLNESS-NO-OOP',
	category: 'data_quality',
	scope: 'household',
	severity: 'low',
	settings: [],
	figures: z.object({ year: z.number().int() }),
	evaluate(f, ctx, report) {
		const h = f.household;
		if (!h.riskTypes?.illness) return;
		let latest: number | undefined;
		for (const key in h.incomes)
			if (Number(key) <= ctx.year) latest = Math.max(latest ?? 0, Number(key));
		const year = latest ?? ctx.year;
		const oop = h.incomes?.[String(year)]?.eligibleOutOfPocket ?? 0;
		const medical = Object.values(h.expenses ?? {}).some((e) => e.kind === 'medical');
		if (oop === 0 && !medical) report({ figures: { year } });
	}
});
