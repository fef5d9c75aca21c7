import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes';
import { LOCALES, MESSAGES, messageFor } from './messages';

describe('validation messages', () => {
	it('has a non-empty message for every code in every locale, and nothing extra', () => {
		for (const locale of LOCALES) {
			expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...ERROR_CODES].sort());
			for (const code of ERROR_CODES) expect(messageFor(code, locale).trim()).not.toBe('');
		}
	});

	it('writes Chinese in zh-CN (not a copy of the English)', () => {
		for (const code of ERROR_CODES) {
			expect(MESSAGES['zh-CN'][code]).toMatch(/[\u4e00-\u9fff]/);
			expect(MESSAGES['zh-CN'][code]).not.toBe(MESSAGES.en[code]);
		}
	});
});
