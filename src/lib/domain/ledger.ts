import type { IsoDate } from './dates';
import { NORM_KEYS, type AgreementNorms, type NormKey, type Pairing } from './pairing';
import type { SettingsValues } from './settings';
import { NORM_OF_KIND, type Activity, type Donation } from './support';
import { termElapsed, termOf, type Term, type TermMonths } from './term';

export interface TermTotal {
	term: Term;
	count: number;
	/** Sum of recorded values in yuan; items without a value count in `count` only. */
	value: number;
	/** Sum of quantities by unit ('' when no unit was given). */
	quantities: Record<string, number>;
}

/** 捐赠台账: donation totals per school term, newest term first. Undated items are left out. */
export function donationTotalsByTerm(
	donations: Iterable<Pick<Donation, 'date' | 'value' | 'quantity' | 'unit' | 'deletedAt'>>,
	months: TermMonths
): TermTotal[] {
	const byTerm = new Map<string, TermTotal>();
	for (const d of donations) {
		if (d.deletedAt || !d.date) continue;
		const term = termOf(d.date, months);
		let t = byTerm.get(term.id);
		if (!t) byTerm.set(term.id, (t = { term, count: 0, value: 0, quantities: {} }));
		t.count++;
		t.value += d.value ?? 0;
		if (d.quantity !== undefined) {
			const unit = d.unit ?? '';
			t.quantities[unit] = (t.quantities[unit] ?? 0) + d.quantity;
		}
	}
	return [...byTerm.values()].sort((a, b) => b.term.start.localeCompare(a.term.start));
}

/** Activities counted by area and by kind (for the pairing's summary). */
export function activityCounts(
	activities: Iterable<Pick<Activity, 'area' | 'kind' | 'deletedAt'>>
): { byArea: Record<string, number>; byKind: Record<string, number> } {
	const byArea: Record<string, number> = {};
	const byKind: Record<string, number> = {};
	for (const a of activities) {
		if (a.deletedAt) continue;
		byArea[a.area] = (byArea[a.area] ?? 0) + 1;
		byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
	}
	return { byArea, byKind };
}

type NormSettings = Pick<
	SettingsValues,
	| 'principalVisitsPerTerm'
	| 'deptHeadVisitsPerTerm'
	| 'jointMeetingsPerTerm'
	| 'secondedManagersPerTerm'
	| 'springTermStartMonth'
	| 'autumnTermStartMonth'
>;

/** The agreement's norms with the workspace defaults filled in. */
export function effectiveNorms(
	norms: AgreementNorms | undefined,
	s: NormSettings
): Record<NormKey, number> {
	return {
		principalVisits: norms?.principalVisits ?? s.principalVisitsPerTerm,
		deptHeadVisits: norms?.deptHeadVisits ?? s.deptHeadVisitsPerTerm,
		jointMeetings: norms?.jointMeetings ?? s.jointMeetingsPerTerm,
		secondedManagers: norms?.secondedManagers ?? s.secondedManagersPerTerm
	};
}

export interface NormProgress {
	norm: NormKey;
	required: number;
	done: number;
	/** What should be done by today at an even pace (rounded down): behind when done < it. */
	expected: number;
}

/** How a school pairing stands against its agreement's norms in the term of `today`. */
export function normProgress(
	pairing: Pick<Pairing, 'id' | 'norms'>,
	activities: Iterable<Pick<Activity, 'pairingId' | 'kind' | 'date' | 'deletedAt'>>,
	s: NormSettings,
	today: IsoDate
): { term: Term; rows: NormProgress[] } {
	const term = termOf(today, s);
	const required = effectiveNorms(pairing.norms, s);
	const done: Record<NormKey, number> = {
		principalVisits: 0,
		deptHeadVisits: 0,
		jointMeetings: 0,
		secondedManagers: 0
	};
	for (const a of activities) {
		if (a.deletedAt || a.pairingId !== pairing.id) continue;
		if (a.date < term.start || a.date > today) continue;
		const norm = (NORM_OF_KIND as Partial<Record<string, NormKey>>)[a.kind];
		if (norm) done[norm]++;
	}
	const elapsed = termElapsed(term, today);
	return {
		term,
		rows: NORM_KEYS.map((norm) => ({
			norm,
			required: required[norm],
			done: done[norm],
			expected: Math.floor(required[norm] * elapsed)
		}))
	};
}
