// The norms of risk removal (风险消除), one function shared by the case procedure (which
// refuses a release that breaks one) and the rules (which flag a release already recorded).
import { addMonths, sortedItems, yearOf, type IsoDate, type MonitoringCase } from '$lib/domain';
import { viewOf } from './facts';
import { perCapitaOf, toFen } from './income';
import { insecureAreas } from './household/security';
import type { HouseholdFacts, Prepared } from './types';

export interface GuardFigures {
	'CASE-EARLY-RELEASE': { identified: string; released: string; earliest: string };
	'CASE-RELEASE-BELOW-LINE': { year: number; perCapita: number; line: number };
	'CASE-RELEASE-UNSTABLE-INCOME': { stableSince: string; required: string; months: number };
	'CASE-RELEASE-NO-MEASURE': { identified: string; measures: number; min: number };
	'CASE-RELEASE-NO-LABOUR': { members: number };
	'CASE-RELEASE-INSECURE': { areas: string };
}
export type GuardId = keyof GuardFigures;
export type GuardFailure = { [K in GuardId]: { norm: K; figures: GuardFigures[K] } }[GuardId];

/** Help measures received since identification: under way or done, in a plan of that year or later. */
export function measuresSince(f: HouseholdFacts, identified: IsoDate): number {
	let n = 0;
	const year = yearOf(identified);
	for (const p of f.plans) {
		if (p.deletedAt || p.year < year) continue;
		for (const id in p.measures) {
			const m = p.measures[id]!;
			if (m.status === 'done' || m.status === 'in_progress') n++;
		}
	}
	return n;
}

/**
 * Income stably above the line: walking back from the release over the case's income checks
 * (each against its own year's line), the date from which every check is above. Empty when
 * the latest check is not above or there is none.
 */
export function stableSince(c: MonitoringCase, released: IsoDate, ctx: Prepared): string {
	const checks = sortedItems(c.incomeChecks)
		.filter((x) => x.date <= released)
		.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
	let since = '';
	for (const check of checks) {
		const line = ctx.lineFor(yearOf(check.date));
		if (line !== undefined && toFen(check.perCapita) < toFen(line)) break;
		since = check.date;
	}
	return since;
}

/** Every release norm a release of `c` on `released` breaks, with the figures. */
export function releaseGuards(
	f: HouseholdFacts,
	c: MonitoringCase,
	identified: IsoDate | undefined,
	released: IsoDate,
	ctx: Prepared
): GuardFailure[] {
	const s = ctx.settings;
	const out: GuardFailure[] = [];
	const v = viewOf(f, ctx);
	const earliest = identified ? addMonths(identified, s.releaseMinMonitoredMonths) : '';
	if (!identified || released < earliest)
		out.push({
			norm: 'CASE-EARLY-RELEASE',
			figures: { identified: identified ?? '', released, earliest }
		});
	const year = yearOf(released);
	let incomeYear: number | undefined;
	for (const key in f.household.incomes) {
		const y = Number(key);
		if (y <= year && (incomeYear === undefined || y > incomeYear)) incomeYear = y;
	}
	if (incomeYear !== undefined) {
		const pc = perCapitaOf(
			f.household.incomes![String(incomeYear)]!,
			Math.max(1, v.memberTotal),
			incomeYear,
			ctx.lineFor(incomeYear)
		);
		if (pc.below && pc.line !== undefined)
			out.push({
				norm: 'CASE-RELEASE-BELOW-LINE',
				figures: { year: incomeYear, perCapita: pc.perCapita, line: pc.line }
			});
	}
	const required = addMonths(released, -s.releaseStableIncomeMonths);
	const since = stableSince(c, released, ctx);
	if (!since || since > required)
		out.push({
			norm: 'CASE-RELEASE-UNSTABLE-INCOME',
			figures: { stableSince: since, required, months: s.releaseStableIncomeMonths }
		});
	const measures = identified ? measuresSince(f, identified) : 0;
	if (measures < s.releaseMinMeasures)
		out.push({
			norm: 'CASE-RELEASE-NO-MEASURE',
			figures: { identified: identified ?? '', measures, min: s.releaseMinMeasures }
		});
	if (v.workers === 0)
		out.push({ norm: 'CASE-RELEASE-NO-LABOUR', figures: { members: v.memberTotal } });
	const areas = insecureAreas(f.household, ctx);
	if (areas.length > 0)
		out.push({ norm: 'CASE-RELEASE-INSECURE', figures: { areas: areas.join(',') } });
	return out;
}
