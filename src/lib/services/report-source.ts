import { DEFAULT_SETTINGS, SETTINGS_ID, type Kind, type RecordOf } from '$lib/domain';
import type { WorkspaceDocs, RecordReader } from '$lib/doc';
import type { ReportInput } from '$lib/reports';

function valid<K extends Kind>(store: RecordReader, kind: K): RecordOf<K>[] {
	const out: RecordOf<K>[] = [];
	for (const r of store.list(kind)) if (r.ok) out.push(r.record);
	return out;
}

/**
 * The records a report is built from, read from a workspace's documents: valid, not deleted
 * (an invalid record is left out of a ledger; the app shows it with its issues elsewhere).
 * Opens the visit shards of `years` on demand.
 */
export async function readReportInput(docs: WorkspaceDocs, years: number[]): Promise<ReportInput> {
	const main = docs.main;
	const stored = main.get('settings', SETTINGS_ID);
	const settings = { ...DEFAULT_SETTINGS, ...(stored?.ok ? stored.record : {}) };
	const visits: RecordOf<'visit'>[] = [];
	for (const y of [...new Set(years)].sort()) visits.push(...valid(await docs.visits(y), 'visit'));
	return {
		settings,
		members: valid(main, 'member'),
		households: valid(main, 'household'),
		students: valid(main, 'student'),
		schools: valid(main, 'school'),
		pairings: valid(main, 'pairing'),
		plans: valid(main, 'plan'),
		cases: valid(main, 'case'),
		activities: valid(main, 'activity'),
		donations: valid(main, 'donation'),
		visits
	};
}
