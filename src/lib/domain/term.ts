import { addDays, type IsoDate } from './dates';

/**
 * 学期: a school term. Two a year: the autumn term (第一学期) from `autumnStartMonth` of year
 * Y to the month before `springStartMonth` of Y + 1, and the spring term (第二学期) from
 * `springStartMonth` to the month before the autumn term. Summer and winter holidays count
 * to the term before them, so a home visit in July belongs to the spring term.
 * The start months are workspace settings (provinces differ); defaults: February, September.
 */
export interface Term {
	/** '2025-autumn', '2026-spring': sortable within a year, stable as a key. */
	id: string;
	/** Calendar year the term starts in. */
	year: number;
	half: 'spring' | 'autumn';
	start: IsoDate;
	/** Last day of the term (inclusive). */
	end: IsoDate;
}

export interface TermMonths {
	springTermStartMonth: number;
	autumnTermStartMonth: number;
}

export const DEFAULT_TERM_MONTHS: TermMonths = { springTermStartMonth: 2, autumnTermStartMonth: 9 };

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (y: number, m: number) => `${y}-${pad(m)}-01`;

export function termOf(date: IsoDate, months: TermMonths = DEFAULT_TERM_MONTHS): Term {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7));
	const { springTermStartMonth: sp, autumnTermStartMonth: au } = months;
	if (m >= sp && m < au) return term(y, 'spring', months);
	return m >= au ? term(y, 'autumn', months) : term(y - 1, 'autumn', months);
}

export function term(year: number, half: Term['half'], months = DEFAULT_TERM_MONTHS): Term {
	const { springTermStartMonth: sp, autumnTermStartMonth: au } = months;
	const start = half === 'spring' ? firstOf(year, sp) : firstOf(year, au);
	const next = half === 'spring' ? firstOf(year, au) : firstOf(year + 1, sp);
	return { id: `${year}-${half}`, year, half, start, end: addDays(next, -1) };
}

/** Share of the term elapsed on `date` (0 on its first day, 1 on its last). */
export function termElapsed(t: Term, date: IsoDate): number {
	const total = Date.parse(t.end) - Date.parse(t.start);
	const done = Date.parse(date) - Date.parse(t.start);
	return total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
}

/** 'YYYY-MM' of a date: "this month" for the monthly cadences. */
export const monthOf = (date: IsoDate) => date.slice(0, 7);
