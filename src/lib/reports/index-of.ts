import {
	caseState,
	type Household,
	type IsoDate,
	type MonitoringCase,
	type Pairing,
	type Plan
} from '$lib/domain';
import type { ReportInput, Scope } from './input';

/** A pairing in force on `on` (start and end inclusive; open ends count as open). */
export function pairingActive(p: Pairing, on: IsoDate): boolean {
	return (!p.startDate || p.startDate <= on) && (!p.endDate || p.endDate >= on);
}

/**
 * Lookups every report needs, built once per report: O(records), then O(1) per row, so the
 * county's ledger does not rescan 72,000 visits per household.
 */
export class ReportIndex {
	readonly input: ReportInput;
	readonly households = new Map<string, Household>();
	readonly memberNames = new Map<string, string>();
	readonly #casesByHousehold = new Map<string, MonitoringCase[]>();
	readonly #plansByHousehold = new Map<string, Plan[]>();
	readonly #householdPairings = new Map<string, Pairing[]>();

	constructor(input: ReportInput) {
		this.input = input;
		for (const h of input.households) this.households.set(h.id, h);
		for (const m of input.members) this.memberNames.set(m.id, m.name);
		for (const c of input.cases) push(this.#casesByHousehold, c.householdId, c);
		for (const p of input.plans)
			if (p.subjectKind === 'household') push(this.#plansByHousehold, p.subjectId, p);
		for (const p of input.pairings)
			if (p.kind === 'member_household') push(this.#householdPairings, p.supportedId, p);
	}

	memberName(id: string | undefined): string {
		return id === undefined ? '' : (this.memberNames.get(id) ?? '');
	}

	/** Members paired with a household on `on` (the 帮扶责任人). */
	responsible(householdId: string, on: IsoDate): string[] {
		return (this.#householdPairings.get(householdId) ?? [])
			.filter((p) => pairingActive(p, on))
			.map((p) => p.supporterId);
	}

	inScope(h: Household, scope: Scope, on: IsoDate): boolean {
		switch (scope.kind) {
			case 'workspace':
				return true;
			case 'village':
				return (h.village ?? '') === scope.village;
			case 'member':
				return this.responsible(h.id, on).includes(scope.memberId);
		}
	}

	householdsInScope(scope: Scope, on: IsoDate): Household[] {
		return this.input.households.filter((h) => this.inScope(h, scope, on));
	}

	cases(householdId: string): readonly MonitoringCase[] {
		return this.#casesByHousehold.get(householdId) ?? [];
	}

	plans(householdId: string): readonly Plan[] {
		return this.#plansByHousehold.get(householdId) ?? [];
	}

	/** The state of the household's latest case as of `on` (decisions after it ignored). */
	caseStateOn(householdId: string, on: IsoDate) {
		let best: { date: IsoDate; state: ReturnType<typeof caseState> } | undefined;
		for (const c of this.cases(householdId)) {
			const past = Object.fromEntries(
				Object.entries(c.decisions ?? {}).filter(([, d]) => d.date <= on)
			);
			const state = caseState(past);
			const last = Object.values(past).reduce<IsoDate>((a, d) => (d.date > a ? d.date : a), '');
			if (state && (!best || last > best.date)) best = { date: last, state };
		}
		return best?.state;
	}

	/** Villages present in the workspace, for the scope picker. */
	villages(): string[] {
		const set = new Set<string>();
		for (const h of this.input.households) if (h.village) set.add(h.village);
		return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
	}
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
