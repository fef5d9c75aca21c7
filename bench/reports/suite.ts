// `npm run bench -- reports`: the county's monthly ledger to .xlsx bytes, and a 2,000-household
// roster import (read + preview, then commit), IN NODE on this machine's CPU, no throttling:
// the 4× CPU browser figures of DESIGN.md are not measured here (see docs/benchmarks.md).
import { WorkspaceDocs } from '../../src/lib/doc';
import { previewHouseholds } from '../../src/lib/import/preview-households';
import { commitImport } from '../../src/lib/import/commit';
import { readSpreadsheet } from '../../src/lib/import/read';
import { householdRoster, monthlyLedgers } from '../../src/lib/reports';
import { writeXlsx } from '../../src/lib/reports/xlsx';
import { readReportInput, visitsNeeded } from '../../src/lib/services/report-source';
import { buildCountyDataset, openDatasetDocs, populateWorkspace } from '../../tests/factories';
import { atMost, measured } from '../lib/stats';
import type { Row, Suite, SuiteOptions } from '../lib/types';

const NOTE = 'node, unthrottled (not the 4× browser figure)';

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
	const t = performance.now();
	const v = await fn();
	return [performance.now() - t, v];
}

async function run(opts: SuiteOptions): Promise<Row[]> {
	const ds = buildCountyDataset(1, opts.quick ? { households: 300 } : {});
	opts.log(`reports: populating the county (${ds.records.household?.length} households)…`);
	const docs = await openDatasetDocs(ds);
	await populateWorkspace(docs, ds);
	const ledger: number[] = [];
	const ledgerRows: number[] = [];
	for (let i = 0; i < opts.runs; i++) {
		const [ms, bytes] = await timed(async () => {
			const input = await readReportInput(
				docs,
				visitsNeeded('monthly', '2025-10-01', '2025-10-31')
			);
			const tables = monthlyLedgers(input, '2025-10', { kind: 'workspace' }, '2025-11-09');
			ledgerRows.push(tables.reduce((n, t) => n + t.rows.length, 0));
			return writeXlsx(tables);
		});
		if (bytes.length === 0) throw new Error('empty ledger');
		ledger.push(ms);
	}
	const input = await readReportInput(docs, { years: [] });
	const roster = await writeXlsx([
		householdRoster(input, { kind: 'workspace' }, 2025, '2026-01-05')
	]);
	docs.destroy();
	const previewMs: number[] = [];
	const commitMs: number[] = [];
	for (let i = 0; i < opts.runs; i++) {
		const file = roster;
		const [p, preview] = await timed(async () => {
			const read = await readSpreadsheet(file, 'roster.xlsx');
			if (!read.ok) throw new Error(read.code);
			const r = previewHouseholds(read.sheet, { existing: [], year: 2025 });
			if (!r.ok || r.preview.problems.length) throw new Error('roster did not preview clean');
			return r.preview;
		});
		previewMs.push(p);
		const target = await WorkspaceDocs.open({ workspaceId: `import-${i}`, actor: 'm1' });
		const [c, result] = await timed(() => commitImport(target.main, preview));
		if (!result.ok || result.created.length !== preview.items.length) throw new Error('commit');
		commitMs.push(c);
		target.destroy();
	}
	const base = { suite: 'reports', unit: 'ms' };
	return [
		measured(
			{
				...base,
				figure: `monthly ledger of the county to .xlsx (${ledgerRows[0]} rows, 2 sheets)`,
				target: '< 2 s at 4× (browser)',
				notes: `${NOTE}; reads the month's visits from the 2025 shard (as the app does), builds, writes`
			},
			ledger,
			atMost(2000)
		),
		measured(
			{
				...base,
				figure: `import ${input.households.length} households (${roster.length >> 10} KB xlsx): read + preview`,
				target: '< 3 s at 4× (browser)',
				notes: NOTE
			},
			previewMs,
			atMost(3000)
		),
		measured(
			{
				...base,
				figure: `import ${input.households.length} households: commit`,
				target: '< 3 s at 4× (browser)',
				notes: NOTE
			},
			commitMs,
			atMost(3000)
		)
	];
}

export const reportsSuite: Suite = {
	name: 'reports',
	describe: 'county ledger to .xlsx, 2,000-household import preview and commit (node)',
	run
};
