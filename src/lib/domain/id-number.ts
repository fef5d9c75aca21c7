import { z } from 'zod';
import { isValidDate, todayInChina } from './dates';

/** GB 11643-1999 weights for the ISO 7064 MOD 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of a resident ID number. */
export function idNumberCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
	return CHECK_CHARS[sum % 11] ?? '';
}

export type IdNumberProblem =
	'id_number.length' | 'id_number.format' | 'id_number.birth_date' | 'id_number.checksum';

/** Why an 18-character resident ID number is wrong, or undefined when it is right. */
export function idNumberProblem(value: string): IdNumberProblem | undefined {
	if (value.length !== 18) return 'id_number.length';
	if (!/^\d{17}[\dX]$/.test(value)) return 'id_number.format';
	const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
	if (!isValidDate(birth) || birth > todayInChina()) return 'id_number.birth_date';
	if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'id_number.checksum';
	return undefined;
}

/** Birth date encoded in a valid ID number. */
export function birthDateOfIdNumber(value: string): string {
	return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Masks for lists (PIPL): region and check digit stay, birth date and sequence are hidden. */
export function maskIdNumber(value: string): string {
	return value.length === 18 ? `${value.slice(0, 6)}********${value.slice(14, 17)}*` : '******';
}

/**
 * 居民身份证号码: an 18-character resident ID number, check digit verified. A lower-case x
 * (common when typed on a phone keyboard) is accepted and stored upper-case.
 */
export const idNumber = z
	.string({ error: 'id_number.format' })
	.trim()
	.toUpperCase()
	.superRefine((value, ctx) => {
		const problem = idNumberProblem(value);
		if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
	});
