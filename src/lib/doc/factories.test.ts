import { describe, expect, it } from 'vitest';
import { idNumberProblem } from '../domain';
import {
	buildCountyDataset,
	buildSchoolDataset,
	count,
	openDatasetDocs,
	populateWorkspace
} from '../../../tests/factories';

describe('seeded factories', () => {
	it('make the county data set at DESIGN.md size', () => {
		const ds = buildCountyDataset(1);
		expect(count(ds, 'household')).toBe(2000);
		expect(count(ds, 'visit')).toBe(72_000);
		const people = (ds.records.household ?? []).flatMap((h) =>
			Object.values(h.draft.members ?? {})
		);
		expect(people).toHaveLength(8000);
		expect(people.every((p) => p.idNumber && !idNumberProblem(p.idNumber))).toBe(true);
		const pairings = ds.records.pairing ?? [];
		const perCadre = new Map<string, number>();
		for (const p of pairings)
			perCadre.set(p.draft.supporterId, (perCadre.get(p.draft.supporterId) ?? 0) + 1);
		expect(Math.max(...perCadre.values())).toBe(30);
	});

	it('make the school data set at DESIGN.md size', () => {
		const ds = buildSchoolDataset(1);
		expect(count(ds, 'student')).toBe(600);
		expect(count(ds, 'member')).toBe(40);
		expect(new Set((ds.records.visit ?? []).map((v) => v.draft.date.slice(0, 4))).size).toBe(3);
	});

	it('are deterministic for a seed and differ between seeds', () => {
		const a = buildSchoolDataset(7, { students: 20 });
		expect(buildSchoolDataset(7, { students: 20 })).toEqual(a);
		expect(buildSchoolDataset(8, { students: 20 })).not.toEqual(a);
	});

	it('write only schema-valid records through the doc API', async () => {
		for (const ds of [
			buildCountyDataset(3, { households: 40 }),
			buildSchoolDataset(3, { students: 30 })
		]) {
			const docs = await openDatasetDocs(ds);
			await populateWorkspace(docs, ds);
			const stores = docs.stores();
			const all = stores.flatMap((s) =>
				(
					[
						'member',
						'school',
						'pairing',
						'student',
						'household',
						'plan',
						'activity',
						'donation',
						'case',
						'visit'
					] as const
				).flatMap((k) => s.list(k))
			);
			const total = Object.values(ds.records).reduce((n, list) => n + list.length, 0);
			expect(all.filter((r) => !r.ok)).toEqual([]);
			expect(all.length + 1).toBe(total); // + the settings record
			expect(docs.main.get('settings', 'workspace')?.ok).toBe(true);
			docs.destroy();
		}
	});
});
