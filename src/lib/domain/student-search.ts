/**
 * Student search: by name, by pinyin initials (王大华 → "wdh") and by class, plus the list's
 * filters. Pure: the pinyin library is passed in as `initialsOf`, so the screen loads it on
 * demand (it is ~100 KB) and the tests use it directly.
 */
import type { StudentCategory } from './student';

/** What the list shows and searches, taken from a stored (unvalidated) student row. */
export interface StudentEntry {
	id: string;
	name: string;
	className: string;
	categories: StudentCategory[];
	/** Lower-case initials without spaces, '' until the pinyin library has loaded. */
	initials: string;
}

export interface StudentFilters {
	query?: string;
	category?: StudentCategory;
	className?: string;
	/** Only students this member is responsible for today. */
	teacherId?: string;
	hasAlerts?: boolean;
}

export interface FilterFacts {
	/** Student id → responsible member ids today. */
	teachersOf: ReadonlyMap<string, readonly string[]>;
	/** Students with at least one alert. */
	withAlerts: { has(studentId: string): boolean };
}

export type InitialsOf = (name: string) => string;

export function studentEntry(
	id: string,
	raw: Record<string, unknown>,
	initialsOf?: InitialsOf
): StudentEntry {
	const name = typeof raw.name === 'string' ? raw.name : '';
	const className = typeof raw.className === 'string' ? raw.className : '';
	const cats =
		raw.categories && typeof raw.categories === 'object'
			? Object.entries(raw.categories as Record<string, unknown>)
					.filter(([, v]) => v === true)
					.map(([k]) => k as StudentCategory) // unknown keys are harmless: no filter matches them
			: [];
	return { id, name, className, categories: cats, initials: initialsOf ? initialsOf(name) : '' };
}

/** Normalises what the pinyin library returns ('w d h', 'W D H') to 'wdh'. */
export function normaliseInitials(s: string): string {
	return s.replace(/[^a-z]/gi, '').toLowerCase();
}

/** Full-width letters and digits (typed on Chinese keyboards) to half-width, trimmed. */
function normaliseQuery(q: string): string {
	return q
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\s+/g, '')
		.toLowerCase();
}

/**
 * Whether an entry matches a query: a part of its name, a prefix of its initials (letters
 * only), or a part of its class ("3" finds 三年级（3）班 and 3班; "三年级" finds the grade).
 */
export function matches(e: StudentEntry, query: string): boolean {
	const q = normaliseQuery(query);
	if (!q) return true;
	if (e.name.includes(q)) return true;
	if (/^[a-z]+$/.test(q) && e.initials.startsWith(q)) return true;
	const cls = normaliseQuery(e.className);
	return cls.length > 0 && cls.includes(q);
}

export function filterStudents(
	entries: readonly StudentEntry[],
	f: StudentFilters,
	facts: FilterFacts
): StudentEntry[] {
	return entries.filter(
		(e) =>
			(!f.category || e.categories.includes(f.category)) &&
			(!f.className || e.className === f.className) &&
			(!f.teacherId || (facts.teachersOf.get(e.id) ?? []).includes(f.teacherId)) &&
			(!f.hasAlerts || facts.withAlerts.has(e.id)) &&
			(!f.query || matches(e, f.query))
	);
}

/** The classes present, for the class filter, in the collator's order. */
export function classesOf(
	entries: readonly StudentEntry[],
	compare: (a: string, b: string) => number
) {
	return [...new Set(entries.map((e) => e.className).filter(Boolean))].sort(compare);
}
