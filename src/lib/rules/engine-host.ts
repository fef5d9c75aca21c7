// The RuleEngine behind a message boundary (a worker): it is fed the facts in slices and
// then one record per edit, never the whole document, and answers with what changed, so
// that no message in either direction carries more than a slice of records or alerts.
// The slices are the records as stored (merged JSON text, unvalidated): parsing and zod
// run here, off the page's main thread, which only reads the document's strings.
// Pure: the worker entry (services/rules.worker.ts) exposes it with comlink; in node (tests,
// reports) it runs in-process behind the same calls.
import {
	KINDS,
	validate,
	type Filing,
	type Household,
	type IsoDate,
	type MonitoringCase,
	type Pairing,
	type Plan,
	type Visit
} from '$lib/domain';
import { RuleEngine, type AlertChanges } from './engine';
import type { RuleContext } from './types';

/** The main-document kinds the host is fed in slices and then follows one by one. */
export type HostKind = 'household' | 'case' | 'plan' | 'pairing' | 'filing';
export type HostRecord = Household | MonitoringCase | Plan | Pairing | Filing;

interface Facts {
	households: Household[];
	cases: MonitoringCase[];
	plans: Plan[];
	pairings: Pairing[];
	filings: Filing[];
}
const KEY = {
	household: 'households',
	case: 'cases',
	plan: 'plans',
	pairing: 'pairings',
	filing: 'filings'
} as const;
/**
 * A stored record as the rules take it: valid and not deleted (the page's `ok(store.get())`),
 * else undefined — an invalid, damaged or soft-deleted record leaves no alert.
 */
function valid<R>(kind: HostKind | 'visit', json: string): R | undefined {
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch {
		return undefined;
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	if (typeof (raw as { deletedAt?: unknown }).deletedAt === 'string') return undefined;
	const r = validate(KINDS[kind].schema, raw);
	return r.ok ? (r.data as R) : undefined;
}

const noFacts = (): Facts => ({ households: [], cases: [], plans: [], pairings: [], filings: [] });

export class RuleEngineHost {
	#engine: RuleEngine | undefined;
	#ctx: RuleContext | undefined;
	#pending: Facts = noFacts();
	#pendingVisits: Visit[] = [];
	#lastVisit = new Map<string, IsoDate>();
	#pendingLast = new Map<string, IsoDate>();

	/** Starts a (re)load: slices follow with `add`, then `finish`. */
	begin(ctx: RuleContext): void {
		this.#ctx = ctx;
		this.#pending = noFacts();
		this.#pendingLast = new Map();
	}

	/** A slice of one kind's stored records, each its merged JSON text (see services/alerts.ts). */
	add(kind: HostKind, stored: readonly string[]): void {
		const into = this.#pending[KEY[kind]] as HostRecord[];
		for (const json of stored) {
			const r = valid<HostRecord>(kind, json);
			if (r) into.push(r);
		}
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
		this.#pending = noFacts();
		this.#engine = engine;
	}

	/** A slice of the visit shards' stored visits (merged JSON text each), after `finish`. */
	addVisits(stored: readonly string[]): void {
		for (const json of stored) {
			const v = valid<Visit>('visit', json);
			if (v) this.#pendingVisits.push(v);
		}
	}

	/** The visits fed so far become the truth for visits (replacing the last-visit summary). */
	finishVisits(): void {
		this.#loaded().loadVisits(this.#pendingVisits);
		this.#pendingVisits = [];
	}

	/** One record created, changed or removed (undefined: deleted or invalid). */
	update(kind: HostKind | 'visit', id: string, record: HostRecord | Visit | undefined): void {
		const e = this.#loaded();
		if (kind === 'household') e.updateHousehold(id, record as Household | undefined);
		else if (kind === 'case') e.updateCase(id, record as MonitoringCase | undefined);
		else if (kind === 'plan') e.updatePlan(id, record as Plan | undefined);
		else if (kind === 'pairing') e.updatePairing(id, record as Pairing | undefined);
		else if (kind === 'filing') e.updateFiling(id, record as Filing | undefined);
		else e.updateVisit(id, record as Visit | undefined);
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
