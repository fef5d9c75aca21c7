// The computations behind "my households" (managers/my-households.svelte.ts), apart from the
// runes so they are plain functions over rows and alerts.
import { zhCollator } from '$lib/collator';
import { addMonths, type IsoDate, type PairingLike } from '$lib/domain';
import type { Alert } from '$lib/rules';
import type { LastLooked } from '$lib/services/last-looked';
import type { RecordRow } from '$lib/services/workspace.svelte';
import { str } from './raw';

export interface MyHouseholdRow {
	id: string;
	name: string;
	village: string;
	lastVisit: IsoDate | undefined;
	nextDue: IsoDate | undefined;
	overdue: boolean;
	alerts: number;
}

/** An alert's identity across evaluations: its rule, subject and part. */
export function alertKey(a: Alert): string {
	return `${a.ruleId}|${a.subject.kind}:${a.subject.id}|${a.item ? JSON.stringify(a.item) : ''}`;
}

/** What to store after looking: every alert seen before or now (bounded). */
export function looked(before: LastLooked | undefined, alerts: readonly Alert[]): LastLooked {
	const seen = new Set(before?.seen);
	for (const a of alerts) seen.add(alertKey(a));
	return { at: new Date().toISOString(), seen: [...seen].slice(-50_000) };
}

export function householdRows(input: {
	mine: ReadonlySet<string>;
	households: readonly RecordRow[];
	alerts: readonly Alert[];
	lastVisits: ReadonlyMap<string, IsoDate>;
	pairings: readonly PairingLike[];
	cadence: number;
}): MyHouseholdRow[] {
	const counts: Record<string, number> = {};
	const overdue = new Map<string, Alert & { ruleId: 'VISIT-OVERDUE' }>();
	for (const a of input.alerts)
		if (a.householdId) {
			counts[a.householdId] = (counts[a.householdId] ?? 0) + 1;
			if (a.ruleId === 'VISIT-OVERDUE') overdue.set(a.householdId, a);
		}
	const rows: MyHouseholdRow[] = [];
	for (const h of input.households) {
		if (h.deleted || !input.mine.has(h.id)) continue;
		const o = overdue.get(h.id);
		const lastVisit = o?.figures.lastVisit || input.lastVisits.get(h.id);
		const cadence =
			input.pairings.find(
				(p) => p.kind === 'member_household' && p.supportedId === h.id && !p.endDate
			)?.visitEveryMonths ?? input.cadence;
		rows.push({
			id: h.id,
			name: str(h.raw, 'headName') || h.id,
			village: [str(h.raw, 'village'), str(h.raw, 'group')].filter(Boolean).join(' '),
			lastVisit: lastVisit || undefined,
			nextDue: o?.figures.dueDate || (lastVisit ? addMonths(lastVisit, cadence) : undefined),
			overdue: o !== undefined,
			alerts: counts[h.id] ?? 0
		});
	}
	return rows.sort(
		(a, b) =>
			Number(b.overdue) - Number(a.overdue) ||
			(a.nextDue ?? '').localeCompare(b.nextDue ?? '') ||
			zhCollator.compare(a.name, b.name)
	);
}
