// The message catalogue is complete: every key exists in every locale, no message is empty,
// and each translation uses exactly the same {placeholders} as the Chinese original.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import settings from '../../project.inlang/settings.json' with { type: 'json' };

function load(locale: string): Record<string, string> {
	const raw = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
	delete raw.$schema;
	return raw;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	const base = load(settings.baseLocale);

	it('has Simplified Chinese as the base locale and English as the second', () => {
		expect(settings.baseLocale).toBe('zh-CN');
		expect(settings.locales).toEqual(['zh-CN', 'en']);
	});

	for (const locale of settings.locales) {
		it(`${locale}: every key of the base locale, nothing extra, nothing empty`, () => {
			const messages = load(locale);
			expect(Object.keys(messages).sort()).toEqual(Object.keys(base).sort());
			for (const [key, text] of Object.entries(messages)) {
				expect(text.trim(), `${locale}.${key}`).not.toBe('');
				expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(base[key] ?? ''));
			}
		});
	}
});
