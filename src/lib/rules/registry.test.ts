// The registry, docs/rules.md and the test names agree (as domain/messages.test.ts does for
// messages): every rule has a row with its scope, settings and figures, and tests named by id.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_SETTINGS } from '$lib/domain';
import { RULES, RULE_IDS, ruleById } from './registry';
import { STEP_NORMS } from './case-machine';

const ROOT = join(import.meta.dirname, '../../..');
const doc = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
const list = (cell: string) =>
	cell === '—' || cell === '' ? [] : cell.split(',').map((s) => s.trim().replaceAll('`', ''));

/** The rows of the first table whose header starts with "id". */
const rows = new Map(
	doc
		.split('\n')
		.filter((l) => /^\| [A-Z][A-Z-]+ +\|/.test(l))
		.map((l) => l.split('|').map((c) => c.trim()))
		.filter((c) => c.length === 8)
		.map((c) => [c[1]!, { scope: c[2]!, settings: list(c[5]!), figures: list(c[6]!) }])
);

function testNames(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...testNames(path));
		else if (entry.name.endsWith('.test.ts'))
			// Rule ids have no digits; a tag ending in one ([BK1], [HDR5]) names a feature's test.
			for (const m of readFileSync(path, 'utf8').matchAll(/\bit\(\s*'\[([A-Z][A-Z0-9-]*[A-Z])\]/g))
				out.push(m[1]!);
	}
	return out;
}
const named = testNames(join(ROOT, 'src'));

describe('the rule registry', () => {
	it('has unique ids', () => {
		expect(new Set(RULE_IDS).size).toBe(RULES.length);
		expect(ruleById('INC-LINE').scope).toBe('household');
	});

	it('docs/rules.md has exactly one row per rule, with its scope, settings and figures', () => {
		expect([...rows.keys()].sort()).toEqual([...RULE_IDS].sort());
		for (const rule of RULES) {
			const row = rows.get(rule.id)!;
			expect(row.scope, rule.id).toBe(rule.scope);
			expect(row.settings.sort(), rule.id).toEqual([...rule.settings].sort());
			const shape = (rule.figures as unknown as z.ZodObject).shape;
			expect(row.figures.sort(), rule.id).toEqual(Object.keys(shape).sort());
		}
	});

	it('names real settings only', () => {
		for (const rule of RULES)
			for (const key of rule.settings) expect(Object.hasOwn(DEFAULT_SETTINGS, key), key).toBe(true);
	});

	it('every rule has tests named by its id, and every id a test names exists', () => {
		for (const id of RULE_IDS) expect(named, id).toContain(id);
		const known = new Set<string>([...RULE_IDS, ...STEP_NORMS]);
		for (const id of named) expect(known.has(id), `test named [${id}]`).toBe(true);
	});

	it('docs/rules.md lists every norm a step can be refused under', () => {
		for (const norm of STEP_NORMS) expect(doc, norm).toMatch(new RegExp(`^\\| ${norm} +\\|`, 'm'));
	});
});
