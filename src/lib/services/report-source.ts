import { DEFAULT_SETTINGS, SETTINGS_ID, type Kind, type RecordOf, type Visit } from '$lib/domain';
import type { WorkspaceDocs, RecordReader } from '$lib/doc';
import { baseName, patchKey, patchName } from '$lib/doc/layout';
import type { ReportInput } from '$lib/reports';

function valid<K extends Kind>(store: RecordReader, kind: K): RecordOf<K>[] {
	const out: RecordOf<K>[] = [];
	for (const r of store.list(kind)) if (r.ok) out.push(r.record);
	return out;
}

/** The days of visits a report needs: [from, to] inclusive, ISO dates. */
export interface VisitWindow {
	from: string;
	to: string;
}

const DATE_KEY = '"date":';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A visit's date as stored, read without decoding the record: its `date` patch (an edit of
 * the date) when there is one, else the date in the base's JSON text — trusted only when
 * `"date":` occurs once in that text (a nested field of the same name would make it
 * ambiguous; inside a string value the quotes are escaped, so text cannot fake it).
 * undefined = "read the record": nothing is skipped on a guess.
 */
function storedDate(
	bases: { get(id: string): unknown },
	patches: { get(key: string): unknown },
	id: string
): string | undefined {
	const patched = patches.get(patchKey(id, ['date']));
	if (patched !== undefined) return typeof patched === 'string' ? patched : undefined;
	const base = bases.get(id);
	if (typeof base !== 'string') return undefined;
	const at = base.indexOf(DATE_KEY);
	if (at < 0 || base.indexOf(DATE_KEY, at + DATE_KEY.length) >= 0) return undefined;
	const start = at + DATE_KEY.length + 1;
	const day = base.slice(start, start + 10);
	return base[start - 1] === '"' && base[start + 10] === '"' && ISO_DAY.test(day) ? day : undefined;
}

/**
 * The visits of one shard dated inside `window`, validated. The date is read from the stored
 * text first (`storedDate`: no JSON decoding, no merging of the record), so the visits
 * outside the window — most of a year, for a monthly ledger — are neither decoded nor
 * validated; every visit that reaches a report is read and validated as before. A visit
 * whose date cannot be read that way is read in full, so nothing slips past.
 */
function visitsIn(store: RecordReader, window?: VisitWindow): RecordOf<'visit'>[] {
	if (!window) return valid(store, 'visit');
	const bases = store.doc.getMap(baseName('visit'));
	const patches = store.doc.getMap(patchName('visit'));
	const out: RecordOf<'visit'>[] = [];
	for (const id of bases.keys()) {
		const date = storedDate(bases, patches, id) ?? store.raw('visit', id)?.['date'];
		if (typeof date === 'string' && (date < window.from || date > window.to)) continue;
		const r = store.get('visit', id);
		if (r?.ok && !r.deleted && r.record.date >= window.from && r.record.date <= window.to)
			out.push(r.record);
	}
	return out;
}

/** Which visits a report reads: the shards (years) to open, and the days to keep. */
export interface VisitsNeeded {
	years: number[];
	window?: VisitWindow;
}

/**
 * Only the visits a report reads: the period's for the monthly ledger and the staff table
 * (a county has ~24,000 visits a year; validating two years of them was most of a cold
 * ledger's read), none for reports without visits, and two years for the quarterly report,
 * whose alerts need each household's last visit before the quarter.
 */
export function visitsNeeded(report: string, from: string, to: string): VisitsNeeded {
	const first = Number(from.slice(0, 4));
	const last = Number(to.slice(0, 4));
	if (report === 'monthly' || report === 'staff') {
		const years: number[] = [];
		for (let y = first; y <= last; y++) years.push(y);
		return { years, window: { from, to } };
	}
	if (report === 'quarterly') return { years: [first - 1, first] };
	return { years: [] };
}

/**
 * The records a report is built from, read from a workspace's documents: valid, not deleted
 * (an invalid record is left out of a ledger; the app shows it with its issues elsewhere).
 * Opens the visit shards of `years` on demand, and keeps only the visits inside `window`
 * when one is given.
 */
export async function readReportInput(
	docs: WorkspaceDocs,
	{ years, window }: VisitsNeeded
): Promise<ReportInput> {
	const main = docs.main;
	const stored = main.get('settings', SETTINGS_ID);
	const settings = { ...DEFAULT_SETTINGS, ...(stored?.ok ? stored.record : {}) };
	const visits: RecordOf<'visit'>[] = [];
	for (const y of [...new Set(years)].sort())
		visits.push(...visitsIn(await docs.visits(y), window));
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

/** Subjects of the visits a report read that it could not put in a row. */
export interface LeftOut {
	/** Not in this device's main document (not synced yet, or never was): their ids. */
	missing: string[];
	/** There, but not passing their schema (the app shows them with their issues). */
	invalid: string[];
}

/**
 * The households and students whose visits a report read but whose files it cannot use.
 * A report never makes a row from a visit alone; without this a ledger would silently lack
 * a household whose visit is on the device but whose file is not (a joiner's visit shard
 * synced before the main document, a file damaged in a merge). A subject in the trash is
 * left out of reports on purpose and not listed.
 */
export function leftOut(main: RecordReader, visits: readonly Visit[]): LeftOut {
	const missing = new Set<string>();
	const invalid = new Set<string>();
	for (const v of visits) {
		if (v.subjectKind !== 'household' && v.subjectKind !== 'student') continue;
		const r = main.get(v.subjectKind, v.subjectId);
		if (!r) missing.add(v.subjectId);
		else if (!r.deleted && !r.ok) invalid.add(v.subjectId);
	}
	return { missing: [...missing], invalid: [...invalid] };
}
