import { z } from 'zod';

/**
 * Calendar dates are 'YYYY-MM-DD' strings, never Date objects: a visit on 2026-03-01 in a
 * village must stay 2026-03-01 on every device whatever its time zone. All arithmetic below
 * works on UTC midnights, where no daylight-saving or offset can shift the day.
 */
export type IsoDate = string;

/** The work happens in China; a workspace may override this (settings.timeZone). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] | undefined {
	const m = DATE_RE.exec(date);
	if (!m) return undefined;
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isValidDate(value: string): boolean {
	const p = parts(value);
	if (!p) return false;
	const [y, mo, d] = p;
	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
	return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

function fromUtc(ms: number): IsoDate {
	const d = new Date(ms);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function mustParse(date: IsoDate): [number, number, number] {
	const p = parts(date);
	if (!p || !isValidDate(date)) throw new RangeError(`not a calendar date: ${date}`);
	return p;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date as seen in `timeZone` (not the device's zone). */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): IsoDate {
	// Building an Intl formatter costs ~50 µs; validation calls this once per date field.
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, f);
	}
	let y = '';
	let m = '';
	let d = '';
	for (const p of f.formatToParts(now)) {
		if (p.type === 'year') y = p.value;
		else if (p.type === 'month') m = p.value;
		else if (p.type === 'day') d = p.value;
	}
	return `${y}-${m}-${d}`;
}

/** Today in China, recomputed at most once a second: bulk validation checks many dates. */
let chinaToday = { until: 0, value: '' };
export function todayInChina(): IsoDate {
	const now = Date.now();
	if (now >= chinaToday.until)
		chinaToday = { until: now + 1000, value: todayIn(DEFAULT_TIME_ZONE) };
	return chinaToday.value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
	const [y, m, d] = mustParse(date);
	return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** Adds calendar months, clamping to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
	const [y, m, d] = mustParse(date);
	const index = y * 12 + (m - 1) + months;
	const ny = Math.floor(index / 12);
	const nm = (index % 12) + 1;
	return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	const [ay, am, ad] = mustParse(a);
	const [by, bm, bd] = mustParse(b);
	return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

export interface Quarter {
	year: number;
	quarter: 1 | 2 | 3 | 4;
}

export function quarterOf(date: IsoDate): Quarter {
	const [y, m] = mustParse(date);
	const quarter = (Math.floor((m - 1) / 3) + 1) as Quarter['quarter']; // 1..4 by construction
	return { year: y, quarter };
}

export function quarterStart({ year, quarter }: Quarter): IsoDate {
	return `${pad(year, 4)}-${pad((quarter - 1) * 3 + 1)}-01`;
}

export function quarterEnd(q: Quarter): IsoDate {
	return addDays(addMonths(quarterStart(q), 3), -1);
}

export function yearOf(date: IsoDate): number {
	return mustParse(date)[0];
}

/** Lexicographic order of 'YYYY-MM-DD' is chronological order. */
export function compareDates(a: IsoDate, b: IsoDate): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Age in whole years on `on` (birthdays on 02-29 count from 03-01 in common years). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
	const [by, bm, bd] = mustParse(birth);
	const [y, m, d] = mustParse(on);
	const hadBirthday = m > bm || (m === bm && d >= bd);
	return y - by - (hadBirthday ? 0 : 1);
}

/** A calendar date, any day. */
export const isoDate = z.string({ error: 'date.invalid' }).refine(isValidDate, 'date.invalid');

/**
 * A calendar date that has already happened (birth, visit, decision). "Today" is taken in
 * China's zone: records are dated by the people in China who wrote them.
 */
export const pastDate = isoDate.refine((d) => d <= todayInChina(), 'date.future');

/** An instant (ISO 8601 with zone), used for updatedAt/createdAt bookkeeping only. */
export const isoDateTime = z.iso.datetime({ offset: true, error: 'datetime.invalid' });

export const year = z
	.number({ error: 'year.invalid' })
	.int('year.invalid')
	.min(1900, 'year.invalid')
	.max(2200, 'year.invalid');
