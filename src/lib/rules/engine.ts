// Evaluates the registry over a workspace, and re-evaluates only what an edit touched.
// Alerts are grouped: a household's group holds its own rules and its cases' rules, and
// depends on its file, its cases, plans, visits and pairings and nothing else; the workspace
// group holds the deadline rules. One edit re-runs one group.
import type { Filing, Household, IsoDate, MonitoringCase, Pairing, Plan, Visit } from '$lib/domain';
import { evaluateHousehold, evaluateWorkspace } from './evaluate';
import { prepare } from './facts';
import { Index } from './record-index';
import type { Alert } from './registry';
import type { Prepared, RuleContext } from './types';

export { prepare, visitCutoff } from './facts';
export { evaluateHousehold, evaluateWorkspace, ruleSettings } from './evaluate';

export interface RuleInput {
	households: Iterable<Household>;
	cases: Iterable<MonitoringCase>;
	plans: Iterable<Plan>;
	/** The last-visit summary, used for households whose visits are not loaded. */
	lastVisitByHousehold: ReadonlyMap<string, IsoDate>;
	/** Visits, when their shards are loaded: then only counted kinds count as visits. */
	visits?: Iterable<Visit>;
	pairings?: Iterable<Pairing>;
	filings?: Iterable<Filing>;
}

/**
 * Alerts changed since the last look: `reset` drops every group held before; each group
 * replaces that household's alerts (empty: none); `workspace` replaces the workspace's.
 */
export interface AlertChanges {
	reset: boolean;
	groups: [householdId: string, alerts: Alert[]][];
	workspace?: Alert[];
	more: boolean;
}

/** Everything at once, for a report or a one-off check. */
export function evaluateAll(input: RuleInput, ctx: RuleContext): Alert[] {
	const engine = new RuleEngine(ctx);
	engine.load(input);
	return engine.alerts();
}

/**
 * Keeps the facts indexed by household and the alerts of each group, so that after an edit
 * only that group is evaluated again. Removed and soft-deleted records leave no alert.
 */
export class RuleEngine {
	#ctx: Prepared;
	#households = new Map<string, Household>();
	#cases = new Index<MonitoringCase>((c) => c.householdId);
	#plans = new Index<Plan>((p) => (p.subjectKind === 'household' ? p.subjectId : undefined));
	#visits = new Index<Visit>((v) => (v.subjectKind === 'household' ? v.subjectId : undefined));
	#pairings = new Index<Pairing>((p) =>
		p.kind === 'member_household' ? p.supportedId : undefined
	);
	#filings = new Map<string, Filing>();
	#visitsLoaded = false;
	#lastVisit: ReadonlyMap<string, IsoDate> = new Map();
	#alerts = new Map<string, Alert[]>();
	#workspace: Alert[] = [];
	/** Groups evaluated since the last `takeChanges` (for a copy kept in another thread). */
	#changed = new Set<string>();
	#workspaceChanged = false;
	#reset = false;

	constructor(ctx: RuleContext) {
		this.#ctx = prepare(ctx);
	}

	load(input: RuleInput): void {
		this.#households = new Map();
		for (const h of input.households) if (!h.deletedAt) this.#households.set(h.id, h);
		this.#cases = new Index(this.#cases.householdOf);
		this.#plans = new Index(this.#plans.householdOf);
		this.#visits = new Index(this.#visits.householdOf);
		this.#pairings = new Index(this.#pairings.householdOf);
		this.#filings = new Map();
		for (const c of input.cases) this.#cases.set(c.id, c);
		for (const p of input.plans) this.#plans.set(p.id, p);
		this.#visitsLoaded = input.visits !== undefined;
		for (const v of input.visits ?? []) this.#visits.set(v.id, v);
		for (const p of input.pairings ?? []) this.#pairings.set(p.id, p);
		for (const f of input.filings ?? []) if (!f.deletedAt) this.#filings.set(f.id, f);
		this.#lastVisit = input.lastVisitByHousehold;
		this.#alerts = new Map();
		this.#changed.clear();
		this.#reset = true;
		for (const id of this.#households.keys()) this.#evaluate(id);
		this.#evaluateWorkspace();
	}

	/** A new context (another day, changed settings) re-evaluates everything. */
	setContext(ctx: RuleContext): void {
		this.#ctx = prepare(ctx);
		for (const id of this.#households.keys()) this.#evaluate(id);
		this.#evaluateWorkspace();
	}

	/** A household was created, changed or removed (undefined or soft-deleted). */
	updateHousehold(id: string, h: Household | undefined): void {
		const had = this.#households.has(id);
		if (h && !h.deletedAt) this.#households.set(id, h);
		else this.#households.delete(id);
		this.#evaluate(id);
		if (had !== this.#households.has(id)) this.#evaluateWorkspace();
	}

	updateCase(id: string, c: MonitoringCase | undefined): void {
		for (const h of this.#cases.set(id, c)) this.#evaluate(h);
	}

	updatePlan(id: string, p: Plan | undefined): void {
		for (const h of this.#plans.set(id, p)) this.#evaluate(h);
	}

	/** A visit changed (any shard); once one is given, visits are the truth for last visits. */
	updateVisit(id: string, v: Visit | undefined): void {
		this.#visitsLoaded = true;
		for (const h of this.#visits.set(id, v)) this.#evaluate(h);
	}

	/**
	 * The visits of the loaded shards at once, replacing any given before: one evaluation per
	 * household rather than one per visit. From then on visits are the truth for last visits.
	 */
	loadVisits(visits: Iterable<Visit>): void {
		this.#visits = new Index(this.#visits.householdOf);
		for (const v of visits) this.#visits.set(v.id, v);
		this.#visitsLoaded = true;
		for (const id of this.#households.keys()) this.#evaluate(id);
	}

	updatePairing(id: string, p: Pairing | undefined): void {
		for (const h of this.#pairings.set(id, p)) this.#evaluate(h);
	}

	updateFiling(id: string, f: Filing | undefined): void {
		if (f && !f.deletedAt) this.#filings.set(id, f);
		else this.#filings.delete(id);
		this.#evaluateWorkspace();
	}

	updateLastVisit(householdId: string, lastVisit: ReadonlyMap<string, IsoDate>): void {
		this.#lastVisit = lastVisit;
		if (!this.#visitsLoaded) this.#evaluate(householdId);
	}

	alertsFor(householdId: string): readonly Alert[] {
		return this.#alerts.get(householdId) ?? [];
	}

	workspaceAlerts(): readonly Alert[] {
		return this.#workspace;
	}

	alerts(): Alert[] {
		return [...this.#alerts.values(), this.#workspace].flat();
	}

	/**
	 * What changed since the last call, at most `limit` households' groups (the rest stays
	 * queued, `more` says so): lets a copy of the alerts elsewhere follow by small messages.
	 */
	takeChanges(limit = Infinity): AlertChanges {
		const groups: [string, Alert[]][] = [];
		for (const id of this.#changed) {
			if (groups.length >= limit) break;
			groups.push([id, this.#alerts.get(id) ?? []]);
			this.#changed.delete(id);
		}
		const out: AlertChanges = { reset: this.#reset, groups, more: this.#changed.size > 0 };
		if (this.#workspaceChanged) out.workspace = this.#workspace;
		this.#reset = false;
		this.#workspaceChanged = false;
		return out;
	}

	#evaluate(id: string): void {
		this.#changed.add(id);
		const household = this.#households.get(id);
		if (!household) {
			this.#alerts.delete(id);
			return;
		}
		const alerts = evaluateHousehold(
			{
				household,
				cases: this.#cases.of(id),
				plans: this.#plans.of(id),
				...(this.#visitsLoaded ? { visits: this.#visits.of(id) } : {}),
				lastVisit: this.#lastVisit.get(id),
				pairings: this.#pairings.of(id)
			},
			this.#ctx
		);
		if (alerts.length > 0) this.#alerts.set(id, alerts);
		else this.#alerts.delete(id);
	}

	#evaluateWorkspace(): void {
		this.#workspaceChanged = true;
		this.#workspace = evaluateWorkspace(
			{ filings: [...this.#filings.values()], householdCount: this.#households.size },
			this.#ctx
		);
	}
}
