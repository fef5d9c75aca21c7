import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	ageOn,
	daysBetween,
	isValidDate,
	isoDate,
	pastDate,
	quarterEnd,
	quarterOf,
	quarterStart,
	todayIn
} from './dates';
import { validate } from './codes';

describe('calendar dates', () => {
	it('accepts real dates and rejects impossible ones', () => {
		expect(isValidDate('2024-02-29')).toBe(true);
		expect(isValidDate('2026-02-30')).toBe(false);
		expect(isValidDate('2025-02-29')).toBe(false);
		expect(isValidDate('2026-13-01')).toBe(false);
		expect(isValidDate('2026-1-1')).toBe(false);
		expect(isValidDate('2026-04-31')).toBe(false);
		expect(isValidDate('2026-01-01T00:00:00Z')).toBe(false);
	});

	it('reports date.invalid and date.future as codes', () => {
		const bad = validate(isoDate, '2026-02-30');
		expect(bad.ok || bad.issues[0]?.code).toBe('date.invalid');
		const future = validate(pastDate, '2100-01-01');
		expect(future.ok || future.issues[0]?.code).toBe('date.future');
		expect(pastDate.safeParse('2020-05-01').success).toBe(true);
	});

	it('takes today in the given zone, not the device zone', () => {
		// 2026-03-31 20:00 UTC is already April 1st in Shanghai, still March 31st in New York.
		const now = new Date('2026-03-31T20:00:00Z');
		expect(todayIn('Asia/Shanghai', now)).toBe('2026-04-01');
		expect(todayIn('America/New_York', now)).toBe('2026-03-31');
	});

	it('adds days and months without drifting, clamping month ends', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
		expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
		expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
		expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
		// Across the (northern) DST change: still whole days.
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
	});

	it('finds quarters and their bounds', () => {
		expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 });
		expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 2 });
		expect(quarterStart({ year: 2026, quarter: 4 })).toBe('2026-10-01');
		expect(quarterEnd({ year: 2026, quarter: 1 })).toBe('2026-03-31');
		expect(quarterEnd({ year: 2026, quarter: 4 })).toBe('2026-12-31');
	});

	it('computes ages on a date', () => {
		expect(ageOn('2010-09-01', '2026-08-31')).toBe(15);
		expect(ageOn('2010-09-01', '2026-09-01')).toBe(16);
	});

	it('throws on arithmetic with a non-date rather than guessing', () => {
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
	});
});
