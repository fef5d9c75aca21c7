// Standalone: `node --import tsx bench/reports/phases.ts` times each phase of the county ledger
// and the 2,000-household preview twice (cold, then warm), wall and process CPU (the CPU figure
// is steadier on a shared machine), to say where the reports suite's time goes. Add
// `--cpu-prof` before `--import` for a profile.
import * as Y from 'yjs';
import { MAIN_DOC } from '../../src/lib/doc/layout';
import { previewHouseholds } from '../../src/lib/import/preview-households';
import { readSpreadsheet } from '../../src/lib/import/read';
import { householdRoster, monthlyLedgers } from '../../src/lib/reports';
import { writeXlsx } from '../../src/lib/reports/xlsx';
import { readReportInput, visitsNeeded } from '../../src/lib/services/report-source';
import { buildCountyDataset, openDatasetDocs, populateWorkspace } from '../../tests/factories';

async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
	const t = performance.now();
	const cpu = process.cpuUsage();
	const v = await fn();
	const used = process.cpuUsage(cpu);
	const wall = Math.round(performance.now() - t);
	const cpuMs = Math.round((used.user + used.system) / 1000);
	console.log(`${name.padEnd(28)} ${wall} ms wall, ${cpuMs} ms CPU`);
	return v;
}

const ds = buildCountyDataset(1);
const built = await openDatasetDocs(ds);
await populateWorkspace(built, ds);
// As on a device: the documents opened from their stored bytes, nothing read or validated yet.
const stored = new Map<string, Uint8Array>([[MAIN_DOC, Y.encodeStateAsUpdate(built.main.doc)]]);
for (const y of ds.years) {
	const shard = await built.visits(y);
	stored.set(shard.name, Y.encodeStateAsUpdate(shard.doc));
}
built.destroy();
const docs = await openDatasetDocs(ds, (doc, { name }) => {
	const bytes = stored.get(name);
	if (bytes) Y.applyUpdate(doc, bytes);
});
for (let i = 0; i < 2; i++) {
	const input = await phase('ledger: read input', () =>
		readReportInput(docs, visitsNeeded('monthly', '2025-10-01', '2025-10-31'))
	);
	const tables = await phase('ledger: build tables', () =>
		monthlyLedgers(input, '2025-10', { kind: 'workspace' }, '2025-11-09')
	);
	await phase('ledger: write xlsx', () => writeXlsx(tables));
}
const all = await readReportInput(docs, { years: [] });
const roster = await writeXlsx([householdRoster(all, { kind: 'workspace' }, 2025, '2026-01-05')]);
docs.destroy();
for (let i = 0; i < 2; i++) {
	const read = await phase('import: read xlsx', () => readSpreadsheet(roster, 'roster.xlsx'));
	if (!read.ok) throw new Error(read.code);
	const r = await phase('import: preview', () =>
		previewHouseholds(read.sheet, { existing: [], year: 2025 })
	);
	if (!r.ok || r.preview.problems.length) throw new Error('not clean');
}
