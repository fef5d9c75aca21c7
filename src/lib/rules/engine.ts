// Evaluates every rule over a workspace, and re-evaluates only what an edit touched.
// Alerts are grouped by household: a household's alerts depend on its file, its cases, its
// plans and its last visit, and nothing else, so one edit re-runs one household's rules.
import {
	addDays,
	addMonths,
	monitoringLineFor,
	DEFAULT_SETTINGS,
	type Household,
	type IsoDate,
	type MonitoringCase,
	type Plan,
	type SettingsValues
} from '$lib/domain';
import { caseRules } from './case-rules';
import { householdRules } from './household-rules';
import {
	DEFAULT_THRESHOLDS,
	type Prepared,
	type Alert,
	type HouseholdFacts,
	type RuleContext,
	type RuleSettings,
	type RuleThresholds
} from './types';

export interface RuleInput {
	households: Iterable<Household>;
	cases: Iterable<MonitoringCase>;
	plans: Iterable<Plan>;
	lastVisitByHousehold: ReadonlyMap<string, IsoDate>;
}

export function ruleSettings(
	settings: Partial<SettingsValues> = {},
	thresholds: Partial<RuleThresholds> = {}
): RuleSettings {
	return { ...DEFAULT_SETTINGS, ...DEFAULT_THRESHOLDS, ...settings, ...thresholds };
}

/** Derives what every household's evaluation shares (see `Prepared`). */
export function prepare(ctx: RuleContext): Prepared {
	if ('lineFor' in ctx) return ctx as Prepared;
	const lines = new Map<number, number | undefined>();
	return {
		...ctx,
		year: Number(ctx.today.slice(0, 4)),
		monthDay: ctx.today.slice(5),
		visitCutoff: visitCutoff(ctx.today, ctx.settings.householdVisitEveryMonths),
		lineFor(year) {
			if (!lines.has(year)) lines.set(year, monitoringLineFor(ctx.settings, year));
			return lines.get(year);
		}
	};
}

/**
 * The earliest last-visit date that is still on time today: the smallest X with
 * X + N months ≥ today. Month-end clamping (05-31 − 3 months = 02-28, but 02-28 + 3 months
 * = 05-28) can put today − N months a few days too early, hence the step forward.
 */
export function visitCutoff(today: IsoDate, months: number): IsoDate {
	let cutoff = addMonths(today, -months);
	while (addMonths(cutoff, months) < today) cutoff = addDays(cutoff, 1);
	return cutoff;
}

/** Runs every rule over one household's facts. */
export function evaluateHousehold(f: HouseholdFacts, ctx: RuleContext): Alert[] {
	const out: Alert[] = [];
	if (f.household.deletedAt) return out;
	const p = prepare(ctx);
	householdRules(f, p, out);
	caseRules(f, p, out);
	return out;
}

/** Everything at once, for a report or a one-off check. */
export function evaluateAll(input: RuleInput, ctx: RuleContext): Alert[] {
	const engine = new RuleEngine(ctx);
	engine.load(input);
	return engine.alerts();
}

/**
 * Keeps the facts indexed by household and the alerts of each household, so that after an
 * edit only that household is evaluated again.
 */
export class RuleEngine {
	#ctx: Prepared;
	#households = new Map<string, Household>();
	#cases = new Map<string, MonitoringCase[]>();
	#plans = new Map<string, Plan[]>();
	#lastVisit: ReadonlyMap<string, IsoDate> = new Map();
	#alerts = new Map<string, Alert[]>();

	constructor(ctx: RuleContext) {
		this.#ctx = prepare(ctx);
	}

	load(input: RuleInput): void {
		this.#households = new Map();
		this.#cases = new Map();
		this.#plans = new Map();
		for (const h of input.households) this.#households.set(h.id, h);
		for (const c of input.cases) push(this.#cases, c.householdId, c);
		for (const p of input.plans)
			if (p.subjectKind === 'household') push(this.#plans, p.subjectId, p);
		this.#lastVisit = input.lastVisitByHousehold;
		this.#alerts = new Map();
		for (const id of this.#households.keys()) this.#evaluate(id);
	}

	/** A new context (another day, changed settings) re-evaluates everything. */
	setContext(ctx: RuleContext): void {
		this.#ctx = prepare(ctx);
		for (const id of this.#households.keys()) this.#evaluate(id);
	}

	/** A household was created, changed or removed (undefined). */
	updateHousehold(id: string, h: Household | undefined): void {
		if (h) this.#households.set(id, h);
		else this.#households.delete(id);
		this.#evaluate(id);
	}

	/** A case changed: replaces it under its household and re-evaluates that household. */
	updateCase(c: MonitoringCase): void {
		for (const [hid, list] of this.#cases) {
			const i = list.findIndex((x) => x.id === c.id);
			if (i >= 0 && hid !== c.householdId) {
				list.splice(i, 1);
				this.#evaluate(hid);
			}
		}
		replace(this.#cases, c.householdId, c);
		this.#evaluate(c.householdId);
	}

	updatePlan(p: Plan): void {
		if (p.subjectKind !== 'household') return;
		replace(this.#plans, p.subjectId, p);
		this.#evaluate(p.subjectId);
	}

	updateLastVisit(householdId: string, lastVisit: ReadonlyMap<string, IsoDate>): void {
		this.#lastVisit = lastVisit;
		this.#evaluate(householdId);
	}

	alertsFor(householdId: string): readonly Alert[] {
		return this.#alerts.get(householdId) ?? [];
	}

	alerts(): Alert[] {
		return [...this.#alerts.values()].flat();
	}

	#evaluate(id: string): void {
		const household = this.#households.get(id);
		if (!household) {
			this.#alerts.delete(id);
			return;
		}
		const alerts = evaluateHousehold(
			{
				household,
				cases: this.#cases.get(id) ?? [],
				plans: this.#plans.get(id) ?? [],
				lastVisit: this.#lastVisit.get(id)
			},
			this.#ctx
		);
		if (alerts.length > 0) this.#alerts.set(id, alerts);
		else this.#alerts.delete(id);
	}
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function replace<T extends { id: string }>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key) ?? [];
	const i = list.findIndex((x) => x.id === value.id);
	if (i >= 0) list[i] = value;
	else list.push(value);
	map.set(key, list);
}
