// What several household rules count, derived once per household evaluation.
import {
	addDays,
	addMonths,
	monitoringLineFor,
	type ChecklistQuestion,
	type HouseholdMember,
	type IsoDate,
	type Visit
} from '$lib/domain';
import { latestPerCapita, type PerCapita } from './income';
import type { HouseholdFacts, Prepared, RuleContext } from './types';

export interface HouseholdView {
	pc: PerCapita | undefined;
	/** Former poor: an exit year, or the type "unstable after exit" (which implies one). */
	formerPoor: boolean;
	onSafetyNet: boolean;
	memberTotal: number;
	withLabour: number;
	/** Members with labour and of working age (age unknown counts as working age). */
	workers: number;
	/** The latest contact that met the household (a counted kind, not deleted). */
	lastVisit: IsoDate | undefined;
	/** Counted visits in the finding window, latest first. */
	recentVisits: readonly Visit[];
	/** The current member ↔ household pairing's cadence, else the setting. */
	visitEveryMonths: number;
}

const cmpDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

const cache = new WeakMap<HouseholdFacts, { ctx: Prepared; view: HouseholdView }>();

/** Age on today from a validated 'YYYY-MM-DD' birth date, without parsing dates. */
export function ageOf(birth: string, ctx: Prepared): number {
	return ctx.year - Number(birth.slice(0, 4)) - (ctx.monthDay < birth.slice(5) ? 1 : 0);
}

export function hasLabour(m: HouseholdMember): boolean {
	return (
		m.labour === undefined ||
		m.labour === 'ordinary' ||
		m.labour === 'skilled' ||
		m.labour === 'weak'
	);
}

export function viewOf(f: HouseholdFacts, ctx: Prepared): HouseholdView {
	const hit = cache.get(f);
	if (hit && hit.ctx === ctx) return hit.view;
	const h = f.household;
	const s = ctx.settings;
	let memberTotal = 0;
	let withLabour = 0;
	let workers = 0;
	for (const id in h.members) {
		const m = h.members[id]!;
		memberTotal++;
		if (!hasLabour(m)) continue;
		withLabour++;
		const age = m.birthDate ? ageOf(m.birthDate, ctx) : undefined;
		if (age === undefined || (age >= s.workingAgeMin && age <= s.workingAgeMax)) workers++;
	}
	let lastVisit = f.visits ? undefined : f.lastVisit;
	const recentVisits: Visit[] = [];
	if (f.visits) {
		const from = ctx.findingFrom;
		for (const v of f.visits) {
			if (v.deletedAt || !ctx.counted.has(v.kind)) continue;
			if (!lastVisit || v.date > lastVisit) lastVisit = v.date;
			if (v.date >= from) recentVisits.push(v);
		}
		recentVisits.sort((a, b) => cmpDesc(a.date, b.date) || cmpDesc(a.id, b.id));
	}
	const current = f.pairings
		?.filter((p) => !p.deletedAt && (!p.endDate || p.endDate >= ctx.today))
		.sort((a, b) => cmpDesc(a.startDate ?? '', b.startDate ?? '') || cmpDesc(a.id, b.id))[0];
	const view: HouseholdView = {
		pc: latestPerCapita(h, ctx.year, ctx.lineFor),
		formerPoor: h.exitYear !== undefined || h.type === 'unstable_after_exit',
		onSafetyNet: Boolean(h.policies?.dibao || h.policies?.tekun),
		memberTotal,
		withLabour,
		workers,
		lastVisit,
		recentVisits,
		visitEveryMonths: current?.visitEveryMonths ?? s.householdVisitEveryMonths
	};
	cache.set(f, { ctx, view });
	return view;
}

/** The latest answer to a checklist question among the recent counted visits. */
export function latestAnswer(
	v: HouseholdView,
	q: ChecklistQuestion
): { visit: Visit; answer: boolean | number | string } | undefined {
	for (const visit of v.recentVisits) {
		const answer = visit.findings?.[q];
		if (answer !== undefined) return { visit, answer };
	}
	return undefined;
}

/** Derives what every evaluation shares (see `Prepared`). */
export function prepare(ctx: RuleContext): Prepared {
	if ('lineFor' in ctx) return ctx as Prepared;
	const lines = new Map<number, number | undefined>();
	const cutoffs = new Map<number, IsoDate>();
	return {
		...ctx,
		year: Number(ctx.today.slice(0, 4)),
		monthDay: ctx.today.slice(5),
		visitCutoff: visitCutoff(ctx.today, ctx.settings.householdVisitEveryMonths),
		cutoffFor(months) {
			let c = cutoffs.get(months);
			if (c === undefined) cutoffs.set(months, (c = visitCutoff(ctx.today, months)));
			return c;
		},
		planDue: addMonths(`${ctx.today.slice(0, 4)}-01-01`, ctx.settings.householdPlanDueMonths),
		counted: new Set(ctx.settings.visitKindsCounted),
		incomeFrom: addMonths(ctx.today, -ctx.settings.incomeWindowMonths),
		findingFrom: addMonths(ctx.today, -ctx.settings.findingWindowMonths),
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
