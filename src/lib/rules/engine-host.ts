// The RuleEngine behind a message boundary (a worker): it is fed the facts in slices and
// then one record per edit, never the whole document, and answers with what changed, so
// that no message in either direction carries more than a slice of records or alerts.
// Pure: the worker entry (services/rules.worker.ts) exposes it with comlink; in node (tests,
// reports) it runs in-process behind the same calls.
import type { IsoDate, MonitoringCase, Household, Plan } from '$lib/domain';
import { RuleEngine, type AlertChanges } from './engine';
import type { RuleContext } from './types';

/** The record kinds the host follows one by one. */
export type HostKind = 'household' | 'case' | 'plan';
export type HostRecord = Household | MonitoringCase | Plan;

interface Facts {
	households: Household[];
	cases: MonitoringCase[];
	plans: Plan[];
}
const KEY = { household: 'households', case: 'cases', plan: 'plans' } as const;

export class RuleEngineHost {
	#engine: RuleEngine | undefined;
	#ctx: RuleContext | undefined;
	#pending: Facts = { households: [], cases: [], plans: [] };
	#lastVisit = new Map<string, IsoDate>();
	#pendingLast = new Map<string, IsoDate>();

	/** Starts a (re)load: slices follow with `add`, then `finish`. */
	begin(ctx: RuleContext): void {
		this.#ctx = ctx;
		this.#pending = { households: [], cases: [], plans: [] };
		this.#pendingLast = new Map();
	}

	/** A slice of validated records of one kind, as a JSON array (see services/alerts.ts). */
	add(kind: HostKind, json: string): void {
		const records = JSON.parse(json) as HostRecord[];
		const into = this.#pending[KEY[kind]] as HostRecord[];
		for (const r of records) into.push(r);
	}

	/** A slice of the last-visit summary: JSON `[householdId, date][]`. */
	addLastVisits(json: string): void {
		for (const [id, date] of JSON.parse(json) as [string, IsoDate][])
			this.#pendingLast.set(id, date);
	}

	/** Evaluates everything fed since `begin`; the alerts come out through `take`. */
	finish(): void {
		if (!this.#ctx) throw new Error('begin() first');
		this.#lastVisit = this.#pendingLast;
		this.#pendingLast = new Map();
		const engine = new RuleEngine(this.#ctx);
		engine.load({ ...this.#pending, lastVisitByHousehold: this.#lastVisit });
		this.#pending = { households: [], cases: [], plans: [] };
		this.#engine = engine;
	}

	/** One record created, changed or removed (undefined: deleted or invalid). */
	update(kind: HostKind, id: string, record: HostRecord | undefined): void {
		const e = this.#loaded();
		if (kind === 'household') e.updateHousehold(id, record as Household | undefined);
		else if (kind === 'case') e.updateCase(id, record as MonitoringCase | undefined);
		else e.updatePlan(id, record as Plan | undefined);
	}

	setContext(ctx: RuleContext): void {
		this.#ctx = ctx;
		this.#loaded().setContext(ctx);
	}

	/** One household's last counted visit (from the summary) changed. */
	setLastVisit(householdId: string, date: IsoDate | undefined): void {
		if (date === undefined) this.#lastVisit.delete(householdId);
		else this.#lastVisit.set(householdId, date);
		this.#loaded().updateLastVisit(householdId, this.#lastVisit);
	}

	/** Up to `limit` households' changed alert groups (see `AlertChanges`). */
	take(limit: number): AlertChanges {
		return this.#engine?.takeChanges(limit) ?? { reset: false, groups: [], more: false };
	}

	#loaded(): RuleEngine {
		if (!this.#engine) throw new Error('finish() first');
		return this.#engine;
	}
}
