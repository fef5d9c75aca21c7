// Money is compared in fen (integers), never rounded across a line: per-capita income is below
// the line exactly when net income < line × members, and is shown floored to the fen.
import { monitoringLineFor, type Household, type YearIncome } from '$lib/domain';

/** Yuan (which may carry fen) to integer fen. */
export function toFen(yuan: number): number {
	return Math.round(yuan * 100);
}

/** Net income of one year in fen: all sources less eligible out-of-pocket spending. */
export function netIncomeFen(y: YearIncome): number {
	return (
		toFen(y.wages ?? 0) +
		toFen(y.business ?? 0) +
		toFen(y.property ?? 0) +
		toFen(y.transfers ?? 0) -
		toFen(y.eligibleOutOfPocket ?? 0)
	);
}

/** Net income of one year in yuan (exact to the fen). */
export function netIncome(y: YearIncome): number {
	return netIncomeFen(y) / 100;
}

export function memberCount(h: Household): number {
	let n = 0;
	for (const _ in h.members) n++;
	return Math.max(1, n);
}

export interface PerCapita {
	year: number;
	/** Yuan, floored to the fen: never shown at the line when it is below it. */
	perCapita: number;
	line: number | undefined;
	/** Net income < line × members, compared in fen. */
	below: boolean;
}

/** Per-capita net income of `income` for a household of `members`, against `line`. */
export function perCapitaOf(
	income: YearIncome,
	members: number,
	year: number,
	line: number | undefined
): PerCapita {
	const net = netIncomeFen(income);
	return {
		year,
		perCapita: Math.floor(net / members) / 100,
		line,
		below: line !== undefined && net < toFen(line) * members
	};
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
	const line = typeof lineFor === 'function' ? lineFor(year) : monitoringLineFor(lineFor, year);
	return perCapitaOf(income, memberCount(h), year, line);
}

export function latestYear(h: Household, notAfter: number): number | undefined {
	let best: number | undefined;
	for (const key in h.incomes) {
		const y = Number(key);
		if (y <= notAfter && (best === undefined || y > best)) best = y;
	}
	return best;
}
