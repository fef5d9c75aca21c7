// What the rules' worker is handed (RecordReader.rawJson) and the sliced last-visit summary:
// the same facts as raw() and lastVisits(), read without parsing or in pieces.
import { describe, expect, it } from 'vitest';
import { baseName, LAST_VISIT } from './layout';
import { rawJson } from './raw-json';
import { openTestDocs } from './test-helpers';

const household = { headName: '张三', village: '石门村', group: '三组', type: 'marginal' as const };

describe('rawJson', () => {
	it('hands on the stored base string itself for an unedited record', async () => {
		const s = (await openTestDocs('m1')).main;
		const id = s.create('household', household);
		if (!id.ok) throw new Error('create failed');
		const json = rawJson(s, 'household', id.value);
		expect(json).toBe(s.doc.getMap(baseName('household')).get(id.value));
		expect(JSON.parse(json!)).toEqual(s.raw('household', id.value));
	});

	it('appends the long texts of an unedited record to its stored string', async () => {
		const s = (await openTestDocs('m1')).main;
		const id = s.create('household', { ...household, notes: '初次走访，"门前"有狗' });
		if (!id.ok) throw new Error('create failed');
		s.text('household', id.value, 'notes').insert(0, '再访：');
		const json = rawJson(s, 'household', id.value)!;
		expect(
			json.startsWith(String(s.doc.getMap(baseName('household')).get(id.value)).slice(0, -1))
		).toBe(true);
		expect(JSON.parse(json)).toEqual(s.raw('household', id.value));
		expect(JSON.parse(json).notes).toBe('再访：初次走访，"门前"有狗');
	});

	it('merges patches, texts and the history stamps of an edited record, as raw() does', async () => {
		let t = Date.parse('2026-03-01T08:00:00.000Z');
		const s = (await openTestDocs('m1', () => new Date(t))).main;
		const id = s.create('household', { ...household, notes: '初次走访' });
		if (!id.ok) throw new Error('create failed');
		t += 120_000;
		expect(s.update('household', id.value, { housingGrade: 'C' }).ok).toBe(true);
		const parsed = JSON.parse(rawJson(s, 'household', id.value)!);
		expect(parsed).toEqual(s.raw('household', id.value));
		expect([parsed.housingGrade, parsed.notes, parsed.updatedAt]).toEqual([
			'C',
			'初次走访',
			new Date(t).toISOString()
		]);
	});

	it('gives nothing for a missing record or a damaged base', async () => {
		const s = (await openTestDocs('m1')).main;
		expect(rawJson(s, 'household', 'nope')).toBeUndefined();
		s.doc.getMap(baseName('household')).set('cut', '{"headName":"王');
		s.doc.getMap('p:household').set('cut/village', '石门村');
		expect(rawJson(s, 'household', 'cut')).toBeUndefined();
	});
});

describe('WorkspaceDocs.lastVisitsSliced', () => {
	it('reads the same summary as lastVisits(), a few entries per slice', async () => {
		const docs = await openTestDocs('m1');
		const summary = docs.main.doc.getMap<string>(LAST_VISIT);
		for (let i = 0; i < 300; i++) {
			summary.set(`h${i}/1`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`);
			if (i % 3 === 0) summary.set(`h${i}/2`, '2026-02-01');
		}
		let breaths = 0;
		const sliced = await docs.lastVisitsSliced(async () => void breaths++, 0);
		expect(breaths).toBeGreaterThan(2);
		expect(sliced).toEqual(docs.lastVisits());
		expect(sliced.get('h3')).toBe('2026-02-01');
	});
});
