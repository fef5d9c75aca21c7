// Category 2 (basic living: elderly alone, orphans, disabled without care, food and clothing)
// and category 10 (special households: no working-age labour).
import { z } from 'zod';
import { defineRule } from '../define';
import { ageOf, latestAnswer, viewOf } from '../facts';

export const livAlone = defineRule({
	id: 'LIV-ALONE',
	category: 'basic_living',
	scope: 'household',
	severity: 'medium',
	settings: ['elderlyAge'],
	figures: z.object({ age: z.number().int() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		if (v.memberTotal !== 1 || v.onSafetyNet) return;
		for (const id in f.household.members) {
			const birth = f.household.members[id]!.birthDate;
			const age = birth ? ageOf(birth, ctx) : undefined;
			if (age !== undefined && age >= ctx.settings.elderlyAge)
				report({ figures: { age }, item: { kind: 'member', id } });
		}
	}
});

export const livCare = defineRule({
	id: 'LIV-CARE',
	category: 'basic_living',
	scope: 'household',
	severity: 'high',
	settings: [],
	figures: z.object({ carers: z.number().int() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		if (v.onSafetyNet || v.withLabour > 0) return;
		for (const id in f.household.members) {
			const m = f.household.members[id]!;
			if (m.health === 'disabled' && (m.labour === 'none' || m.labour === 'lost'))
				report({ figures: { carers: 0 }, item: { kind: 'member', id } });
		}
	}
});

export const livOrphan = defineRule({
	id: 'LIV-ORPHAN',
	category: 'basic_living',
	scope: 'household',
	severity: 'high',
	settings: ['adultAge'],
	figures: z.object({ age: z.number().int() }),
	evaluate(f, ctx, report) {
		const h = f.household;
		if (h.policies?.tekun) return;
		let adults = 0;
		const minors: [string, number][] = [];
		for (const id in h.members) {
			const birth = h.members[id]!.birthDate;
			// A member without a birth date may be an adult: no alert on missing data.
			const age = birth ? ageOf(birth, ctx) : ctx.settings.adultAge;
			if (age >= ctx.settings.adultAge) adults++;
			else minors.push([id, age]);
		}
		if (adults > 0) return;
		for (const [id, age] of minors) report({ figures: { age }, item: { kind: 'member', id } });
	}
});

export const livFood = defineRule({
	id: 'LIV-FOOD',
	category: 'basic_living',
	scope: 'household',
	severity: 'high',
	settings: ['findingWindowMonths', 'visitKindsCounted'],
	figures: z.object({ date: z.string() }),
	evaluate(f, ctx, report) {
		const a = latestAnswer(viewOf(f, ctx), 'food_clothing');
		if (a?.answer === true)
			report({ figures: { date: a.visit.date }, item: { kind: 'visit', id: a.visit.id } });
	}
});

export const labourDibao = defineRule({
	id: 'LABOUR-DIBAO',
	category: 'special_household',
	scope: 'household',
	severity: 'medium',
	settings: ['workingAgeMin', 'workingAgeMax'],
	figures: z.object({ members: z.number().int() }),
	evaluate(f, ctx, report) {
		const v = viewOf(f, ctx);
		if (v.memberTotal > 0 && v.workers === 0 && !f.household.policies?.dibao)
			report({ figures: { members: v.memberTotal } });
	}
});
