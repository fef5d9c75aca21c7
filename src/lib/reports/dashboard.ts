// 看板: the work group's progress in figures, pure (records, alerts, settings, today -> numbers),
// so the dashboard screen, its table and its tests read the same thing. Charts are drawn from
// these figures by the screen; nothing here knows about them.
import {
	caseStates,
	householdTypes,
	quarterEnd,
	quarterOf,
	quarterStart,
	sortedItems,
	type CaseState,
	type Household,
	type IsoDate,
	type Member,
	type MonitoringCase,
	type Pairing,
	type SettingsValues,
	type Visit
} from '$lib/domain';
import { isActive } from '$lib/domain';
import { latestYear, memberCount, perCapitaOf, type Alert, type AlertCategory } from '$lib/rules';

export interface DashboardInput {
	settings: SettingsValues;
	today: IsoDate;
	households: readonly Household[];
	cases: readonly MonitoringCase[];
	pairings: readonly Pairing[];
	members: readonly Member[];
	/** Visits of this year at least (the current quarter's are counted). */
	visits: readonly Visit[];
	alerts: readonly Alert[];
}

export interface Count<K extends string = string> {
	key: K;
	count: number;
}

export interface DashboardFigures {
	households: number;
	byType: Count<(typeof householdTypes)[number] | 'unset'>[];
	/** Each household once: the state of its latest case, or 'none'. */
	byCaseState: Count<CaseState | 'none'>[];
	targets: {
		/** Year of the programme (1–3) from the first member ↔ household pairing's start. */
		programmeYear: 1 | 2 | 3;
		targetPercent: number;
		paired: number;
		/** Paired households whose latest per-capita net income ≥ the target (exact, in fen). */
		reached: number;
		reachedPercent: number;
		targetIncome: number;
	};
	/** This quarter, per member with paired households: in-person visits done vs due. */
	visits: { memberId: string; name: string; households: number; done: number; due: number }[];
	monitored: { people: number; registered: number; percent: number; watchPercent: number };
	alertsByCategory: Count<AlertCategory>[];
	alertsByVillage: Count[];
}

/** A monitoring object: identified and not released (identified or helped). */
const MONITORED: ReadonlySet<CaseState> = new Set(['identified', 'helped']);

const percent = (part: number, whole: number) =>
	whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;

/** The state a case is in: the last of its decisions in their order, else nominated. */
export function caseStateOf(c: MonitoringCase): CaseState {
	return sortedItems(c.decisions).at(-1)?.to ?? 'nominated';
}

export function dashboardFigures(input: DashboardInput): DashboardFigures {
	const { settings: s, today } = input;
	const year = Number(today.slice(0, 4));
	const households = input.households.filter((h) => !h.deletedAt);
	const ids = new Set(households.map((h) => h.id));

	const byType = new Map<string, number>();
	for (const h of households)
		byType.set(h.type ?? 'unset', (byType.get(h.type ?? 'unset') ?? 0) + 1);

	// The latest case of each household (by its last decision's date, then id).
	const latest = new Map<string, { c: MonitoringCase; at: string }>();
	for (const c of input.cases) {
		if (c.deletedAt || !ids.has(c.householdId)) continue;
		const at = sortedItems(c.decisions).reduce((a, d) => (d.date > a ? d.date : a), '');
		const seen = latest.get(c.householdId);
		if (!seen || at > seen.at || (at === seen.at && c.id > seen.c.id))
			latest.set(c.householdId, { c, at });
	}
	const byState = new Map<string, number>();
	let monitoredPeople = 0;
	let registered = 0;
	for (const h of households) {
		const people = Object.keys(h.members ?? {}).length;
		registered += people;
		const l = latest.get(h.id);
		const state = l ? caseStateOf(l.c) : 'none';
		byState.set(state, (byState.get(state) ?? 0) + 1);
		if (l && MONITORED.has(state as CaseState)) monitoredPeople += people;
	}

	const helper = input.pairings.filter(
		(p) => p.kind === 'member_household' && ids.has(p.supportedId)
	);
	const active = helper.filter((p) => isActive(p, today));
	const paired = new Set(active.map((p) => p.supportedId));
	const start = helper.reduce<string | undefined>(
		(a, p) => (p.startDate && (!a || p.startDate < a) ? p.startDate : a),
		undefined
	);
	const programmeYear = Math.min(
		3,
		Math.max(1, start ? year - Number(start.slice(0, 4)) + 1 : 1)
	) as 1 | 2 | 3;
	let reached = 0;
	for (const h of households) {
		if (!paired.has(h.id)) continue;
		const y = latestYear(h, year);
		const income = y === undefined ? undefined : h.incomes?.[String(y)];
		if (!income || y === undefined) continue;
		if (!perCapitaOf(income, memberCount(h), y, s.targetIncomePerCapita).below) reached++;
	}

	const q = quarterOf(today);
	const from = quarterStart(q);
	const to = quarterEnd(q);
	const counted = new Set(s.visitKindsCounted);
	const visitsBy = new Map<string, number>();
	for (const v of input.visits)
		if (
			!v.deletedAt &&
			v.subjectKind === 'household' &&
			counted.has(v.kind) &&
			v.date >= from &&
			v.date <= to
		)
			visitsBy.set(v.subjectId, (visitsBy.get(v.subjectId) ?? 0) + 1);
	const names = new Map(input.members.map((m) => [m.id, m.name]));
	const perMember = new Map<string, { households: number; done: number; due: number }>();
	for (const p of active) {
		const every = Math.max(1, p.visitEveryMonths ?? s.householdVisitEveryMonths);
		const due = Math.max(1, Math.ceil(3 / every));
		const row = perMember.get(p.supporterId) ?? { households: 0, done: 0, due: 0 };
		row.households++;
		row.due += due;
		row.done += Math.min(due, visitsBy.get(p.supportedId) ?? 0);
		perMember.set(p.supporterId, row);
	}

	const village = new Map(households.map((h) => [h.id, h.village ?? '']));
	const byCategory = new Map<AlertCategory, number>();
	const byVillage = new Map<string, number>();
	for (const a of input.alerts) {
		byCategory.set(a.category, (byCategory.get(a.category) ?? 0) + 1);
		if (a.householdId && ids.has(a.householdId)) {
			const v = village.get(a.householdId) ?? '';
			byVillage.set(v, (byVillage.get(v) ?? 0) + 1);
		}
	}
	const counts = <K extends string>(m: Map<K, number>, order?: readonly K[]): Count<K>[] =>
		[...m]
			.map(([key, count]) => ({ key, count }))
			.sort((a, b) =>
				order
					? order.indexOf(a.key) - order.indexOf(b.key)
					: b.count - a.count || a.key.localeCompare(b.key)
			);

	return {
		households: households.length,
		byType: counts(byType as Map<(typeof householdTypes)[number] | 'unset', number>, [
			...householdTypes,
			'unset'
		]),
		byCaseState: counts(byState as Map<CaseState | 'none', number>, ['none', ...caseStates]),
		targets: {
			programmeYear,
			targetPercent: s.exitTargetPercents[programmeYear - 1] ?? 100,
			paired: paired.size,
			reached,
			reachedPercent: percent(reached, paired.size),
			targetIncome: s.targetIncomePerCapita
		},
		visits: [...perMember]
			.map(([memberId, r]) => ({ memberId, name: names.get(memberId) ?? memberId, ...r }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
		monitored: {
			people: monitoredPeople,
			registered,
			percent: percent(monitoredPeople, registered),
			watchPercent: s.monitoredShareWatchPercent
		},
		alertsByCategory: counts(byCategory),
		alertsByVillage: counts(byVillage)
	};
}
