// Small statistics helpers. Percentiles use the nearest-rank method: with thousands of
// samples per run it is exact enough and never invents a value that was not observed.
import type { Row, Verdict } from './types';

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = Float64Array.from(values).sort();
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

/** A measured row: median and min–max of the per-run values. */
export function measured(
	base: Omit<Row, 'median' | 'min' | 'max' | 'runs' | 'verdict'>,
	runs: readonly number[],
	verdict: (median: number) => Verdict
): Row {
	const m = median(runs);
	return {
		...base,
		median: m,
		min: Math.min(...runs),
		max: Math.max(...runs),
		runs: [...runs],
		verdict: verdict(m)
	};
}

/** A row that could not be measured: says why, and counts as not passing. */
export function notMeasured(
	base: Omit<Row, 'median' | 'min' | 'max' | 'runs' | 'verdict' | 'notes'>,
	reason: string
): Row {
	return {
		...base,
		median: null,
		min: null,
		max: null,
		runs: [],
		verdict: 'not measured',
		notes: `not measured: ${reason}`
	};
}

export const atMost =
	(limit: number) =>
	(v: number): Verdict =>
		v <= limit ? 'pass' : 'fail';
export const atLeast =
	(limit: number) =>
	(v: number): Verdict =>
		v >= limit ? 'pass' : 'fail';
export const info = (): Verdict => 'info';

/** Rounds for display: 3 significant digits below 100, integers above. */
export function fmt(value: number | null): string {
	if (value === null || Number.isNaN(value)) return '—';
	if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
	return Number(value.toPrecision(3)).toString();
}
