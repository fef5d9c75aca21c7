import { describe, expect, it } from 'vitest';
import { idNumber, idNumberCheckChar, idNumberProblem, maskIdNumber } from './id-number';
import { validate } from './codes';
import { MESSAGES } from './messages';

// A published sample number (GB 11643 examples): 11010519491231002X.
const VALID = '11010519491231002X';

function codeOf(value: unknown) {
	const r = validate(idNumber, value);
	return r.ok ? undefined : r.issues[0]?.code;
}

describe('resident ID number (ISO 7064 MOD 11-2)', () => {
	it('computes the check character', () => {
		expect(idNumberCheckChar(VALID.slice(0, 17))).toBe('X');
	});

	it('accepts a valid number, lower-case x included', () => {
		expect(idNumberProblem(VALID)).toBeUndefined();
		const r = idNumber.safeParse(VALID.toLowerCase());
		expect(r.success && r.data).toBe(VALID);
	});

	it.each([
		['wrong check digit', '110105194912310021', 'id_number.checksum'],
		['17 characters', VALID.slice(0, 17), 'id_number.length'],
		['19 characters', VALID + '1', 'id_number.length'],
		['a letter inside', '11010519491231A02X', 'id_number.format'],
		['X not last', '1101051949123100X2', 'id_number.format'],
		['impossible birth date', '110105194902300021', 'id_number.birth_date'],
		['birth date in the future', '110105210001010021', 'id_number.birth_date'],
		['not a string', 11010519491231, 'id_number.format']
	])('rejects %s', (_name, value, code) => {
		expect(codeOf(value)).toBe(code);
		expect(MESSAGES['zh-CN'][code as keyof (typeof MESSAGES)['zh-CN']]).toBeTruthy();
	});

	it('masks numbers for lists', () => {
		expect(maskIdNumber(VALID)).toBe('110105********002*');
	});
});
