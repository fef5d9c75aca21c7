import { describe, expect, it } from 'vitest';
import { WorkspaceDocs } from '$lib/doc';
import { householdRoster } from '$lib/reports/roster';
import { writeXlsx } from '$lib/reports/xlsx';
import { readReportInput } from '$lib/services/report-source';
import { buildCountyDataset } from '../../../tests/factories';
import { readSpreadsheet } from './read';
import { previewHouseholds } from './preview-households';
import { commitImport } from './commit';

const at = new Date('2026-01-05T08:00:00.000Z');
const open = (id: string) => WorkspaceDocs.open({ workspaceId: id, actor: 'm1', now: () => at });

describe('import round trip', () => {
	it('2,000 households exported as a roster import back with no loss, and undo restores', async () => {
		const ds = buildCountyDataset(11, { households: 2000, yearsOfVisits: 1 });
		const source = await open('src');
		source.main.transact(() => {
			for (const { id, draft } of ds.records.household ?? [])
				source.main.create('household', draft, { id });
		});
		const original = householdRoster(
			await readReportInput(source, { years: [] }),
			{ kind: 'workspace' },
			2025,
			'2026-01-05'
		);
		expect(original.rows).toHaveLength(
			ds.records.household!.reduce((n, h) => n + Object.keys(h.draft.members ?? {}).length, 0)
		);
		const bytes = await writeXlsx([original]);

		const read = await readSpreadsheet(bytes, '花名册.xlsx');
		if (!read.ok) throw new Error(read.code);
		const preview = previewHouseholds(read.sheet, { existing: [], year: 2025 });
		if (!preview.ok) throw new Error(preview.code);
		expect(preview.preview.problems).toEqual([]);
		expect(preview.preview.items).toHaveLength(2000);

		const target = await open('dst');
		const empty = JSON.stringify(target.main.list('household', { includeDeleted: true }));
		const r = commitImport(target.main, preview.preview);
		expect(r).toMatchObject({ ok: true, skipped: 0 });
		const imported = await readReportInput(target, { years: [] });
		expect(imported.households).toHaveLength(2000);
		const again = householdRoster(imported, { kind: 'workspace' }, 2025, '2026-01-05');
		expect(again.rows).toEqual(original.rows);

		// Field by field against the factory's drafts, for what a roster carries.
		const byNumber = new Map(imported.households.map((h) => [h.householdNumber, h]));
		for (const { draft } of ds.records.household!) {
			const h = byNumber.get(draft.householdNumber)!;
			expect(h).toMatchObject({
				headName: draft.headName,
				county: draft.county,
				township: draft.township,
				village: draft.village,
				group: draft.group,
				phone: draft.phone,
				type: draft.type,
				incomes: { '2025': draft.incomes?.['2025'] }
			});
			const strip = (ms: object | undefined) =>
				Object.values(ms ?? {}).map(({ order: _o, ...m }: { order?: number }) => m);
			expect(strip(h.members)).toEqual(strip(draft.members));
		}

		expect(target.undo()).toBe(true);
		// Undoing the import's creations moves them to the trash (issue 9: undo never makes
		// anything vanish): nothing is listed, all 2,000 are restorable.
		expect(JSON.stringify(target.main.list('household'))).toBe(empty);
		const trashed = target.main.list('household', { includeDeleted: true });
		expect(trashed).toHaveLength(2000);
		expect(trashed.every((h) => h.deleted)).toBe(true);
	}, 120_000);
});
