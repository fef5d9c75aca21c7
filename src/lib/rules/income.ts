import { monitoringLineFor, type Household, type YearIncome } from '$lib/domain';

/** Net income of one year: all sources less eligible out-of-pocket spending (合规自付支出). */
export function netIncome(y: YearIncome): number {
	const gross = (y.wages ?? 0) + (y.business ?? 0) + (y.property ?? 0) + (y.transfers ?? 0);
	return gross - (y.eligibleOutOfPocket ?? 0);
}

export function memberCount(h: Household): number {
	return Math.max(1, Object.keys(h.members ?? {}).length);
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
	lines: { monitoringLines: Record<string, number> }
): PerCapita | undefined {
	const year = latestYear(h, currentYear);
	if (year === undefined) return undefined;
	const income = h.incomes?.[String(year)];
	if (!income) return undefined;
	return {
		year,
		perCapita: Math.round(netIncome(income) / memberCount(h)),
		line: monitoringLineFor(lines, year)
	};
}

export function latestYear(h: Household, notAfter: number): number | undefined {
	let best: number | undefined;
	for (const key of Object.keys(h.incomes ?? {})) {
		const y = Number(key);
		if (y <= notAfter && (best === undefined || y > best)) best = y;
	}
	return best;
}
