import { monitoringLineFor, type Household, type YearIncome } from '$lib/domain';

/** Net income of one year: all sources less eligible out-of-pocket spending (合规自付支出). */
export function netIncome(y: YearIncome): number {
	const gross = (y.wages ?? 0) + (y.business ?? 0) + (y.property ?? 0) + (y.transfers ?? 0);
	return gross - (y.eligibleOutOfPocket ?? 0);
}

export function memberCount(h: Household): number {
	let n = 0;
	for (const _ in h.members) n++;
	return Math.max(1, n);
}

export interface PerCapita {
	year: number;
	perCapita: number;
	line: number | undefined;
}

/**
 * Per-capita net income of the latest recorded year not after `currentYear`, with that
 * year's monitoring line. Undefined when no income has been recorded.
 */
export function latestPerCapita(
	h: Household,
	currentYear: number,
	lineFor: ((year: number) => number | undefined) | { monitoringLines: Record<string, number> }
): PerCapita | undefined {
	const year = latestYear(h, currentYear);
	if (year === undefined) return undefined;
	const income = h.incomes?.[String(year)];
	if (!income) return undefined;
	return {
		year,
		perCapita: Math.round(netIncome(income) / memberCount(h)),
		line: typeof lineFor === 'function' ? lineFor(year) : monitoringLineFor(lineFor, year)
	};
}

export function latestYear(h: Household, notAfter: number): number | undefined {
	let best: number | undefined;
	for (const key in h.incomes) {
		const y = Number(key);
		if (y <= notAfter && (best === undefined || y > best)) best = y;
	}
	return best;
}
