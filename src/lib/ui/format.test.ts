import { describe, expect, it } from 'vitest';
import { maskId, parseAmount } from './format';

describe('format', () => {
	it('masks ID numbers keeping the first and last four', () => {
		expect(maskId('11010519491231002X')).toBe('1101**********002X');
		expect(maskId(undefined)).toBe('');
	});
	it('parses amounts, empty is unset, garbage is NaN for the schema to refuse', () => {
		expect(parseAmount(' 12,000 ')).toBe(12000);
		expect(parseAmount('')).toBeUndefined();
		expect(parseAmount('abc')).toBeNaN();
	});
});
