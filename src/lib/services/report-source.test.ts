import { describe, expect, it } from 'vitest';
import { baseName, patchKey, patchName } from '$lib/doc/layout';
import { openTestDocs } from '$lib/doc/test-helpers';
import { monitoringLedger } from '$lib/reports';
import * as Y from 'yjs';
import { leftOut, readReportInput, visitsNeeded } from './report-source';

describe('readReportInput with a visit window', () => {
	it('keeps the window’s valid visits only, a date moved by an edit included', async () => {
		const docs = await openTestDocs();
		const at = (date: string) =>
			docs.createVisit({ kind: 'visit', date, subjectKind: 'household', subjectId: 'h1' });
		const before = await at('2025-09-30');
		const first = await at('2025-10-01');
		const last = await at('2025-10-31');
		const moved = await at('2025-11-02');
		const broken = await at('2025-10-15');
		if (!before.ok || !first.ok || !last.ok || !moved.ok || !broken.ok) throw new Error();
		const shard = await docs.visits(2025);
		shard.update('visit', moved.value.id, { date: '2025-10-20' });
		// A visit whose stored kind no version knows: in the window, but never in a report.
		shard.doc.transact(() => {
			const bases = shard.doc.getMap(baseName('visit'));
			const raw = JSON.parse(String(bases.get(broken.value.id))) as Record<string, unknown>;
			bases.set(broken.value.id, JSON.stringify({ ...raw, kind: 'séance' }));
		});
		const input = await readReportInput(docs, visitsNeeded('monthly', '2025-10-01', '2025-10-31'));
		expect(input.visits.map((v) => v.id).sort()).toEqual(
			[first.value.id, last.value.id, moved.value.id].sort()
		);
		const all = await readReportInput(docs, { years: [2025] });
		expect(all.visits).toHaveLength(4);
	});

	it('reads a date from the stored text only when it is unambiguous', async () => {
		const docs = await openTestDocs();
		const at = async (date: string, notes?: string) => {
			const r = await docs.createVisit({
				kind: 'visit',
				date,
				subjectKind: 'household',
				subjectId: 'h1',
				...(notes ? { notes } : {})
			});
			if (!r.ok) throw new Error();
			return r.value.id;
		};
		// Notes that quote a date in the window: escaped in the JSON text, so no false match.
		const quoted = await at('2025-09-03', '"date":"2025-10-02"');
		const nestedFirst = await at('2025-10-05');
		const nestedLast = await at('2025-09-30');
		const cleared = await at('2025-10-07');
		const shard = await docs.visits(2025);
		shard.doc.transact(() => {
			const bases = shard.doc.getMap(baseName('visit'));
			// A newer version's nested field named `date`, before the record's own date…
			const first = JSON.parse(String(bases.get(nestedFirst))) as Record<string, unknown>;
			const { date: d1, ...rest1 } = first;
			bases.set(nestedFirst, JSON.stringify({ extra: { date: '2025-09-01' }, ...rest1, date: d1 }));
			// …and after it: neither position may be trusted.
			const last = JSON.parse(String(bases.get(nestedLast))) as Record<string, unknown>;
			bases.set(nestedLast, JSON.stringify({ ...last, extra: { date: '2025-10-09' } }));
			// A date unset by a patch: the record is read (and, invalid without one, left out).
			shard.doc.getMap(patchName('visit')).set(patchKey(cleared, ['date']), null);
		});
		const input = await readReportInput(docs, visitsNeeded('monthly', '2025-10-01', '2025-10-31'));
		expect(input.visits.map((v) => v.id)).toEqual([nestedFirst]);
		expect(quoted).toBeTruthy();
	});

	it('opens only the shards a report reads', () => {
		expect(visitsNeeded('monthly', '2025-10-01', '2025-10-31')).toEqual({
			years: [2025],
			window: { from: '2025-10-01', to: '2025-10-31' }
		});
		expect(visitsNeeded('quarterly', '2025-10-01', '2025-12-31')).toEqual({ years: [2024, 2025] });
		expect(visitsNeeded('roster', '2025-01-01', '2025-12-31')).toEqual({ years: [] });
	});
});

describe('a report whose visits are on the device before their households', () => {
	it('lists the households it could not put in a row, and none once the main doc is there', async () => {
		const a = await openTestDocs();
		const ids: string[] = [];
		for (const headName of ['周永福', '吴秀珍']) {
			const h = a.main.create('household', { headName, village: '石门村' });
			if (!h.ok) throw new Error();
			ids.push(h.value);
			const v = await a.createVisit({
				kind: 'visit',
				date: '2025-10-15',
				subjectKind: 'household',
				subjectId: h.value
			});
			if (!v.ok) throw new Error();
		}
		// A damaged file: its base is there but no longer a household (headName required).
		const broken = a.main.create('household', { headName: '郑大山' });
		if (!broken.ok) throw new Error();
		a.main.doc
			.getMap(baseName('household'))
			.set(broken.value, JSON.stringify({ id: broken.value }));
		await a.createVisit({
			kind: 'visit',
			date: '2025-10-16',
			subjectKind: 'household',
			subjectId: broken.value
		});
		// A household in the trash: left out of reports on purpose, not "left out".
		const gone = a.main.create('household', { headName: '王已删' });
		if (!gone.ok) throw new Error();
		await a.createVisit({
			kind: 'visit',
			date: '2025-10-17',
			subjectKind: 'household',
			subjectId: gone.value
		});
		a.main.remove('household', gone.value);

		// Device b: the visit shard has arrived (synced first), its main document not yet.
		const b = await openTestDocs('m2');
		const shard = await b.visits(2025);
		Y.applyUpdate(shard.doc, Y.encodeStateAsUpdate((await a.visits(2025)).doc));
		const needed = visitsNeeded('monthly', '2025-10-01', '2025-10-31');
		const early = await readReportInput(b, needed);
		expect(early.visits).toHaveLength(4);
		expect(monitoringLedger(early, '2025-10', { kind: 'workspace' }, '2025-11-09').rows).toEqual(
			[]
		);
		expect(leftOut(b.main, early.visits).missing.sort()).toEqual(
			[...ids, broken.value, gone.value].sort()
		);

		Y.applyUpdate(b.main.doc, Y.encodeStateAsUpdate(a.main.doc));
		const loaded = await readReportInput(b, needed);
		const rows = monitoringLedger(loaded, '2025-10', { kind: 'workspace' }, '2025-11-09').rows;
		expect(rows.map((r) => r['headName'])).toEqual(['吴秀珍', '周永福']);
		expect(leftOut(b.main, loaded.visits)).toEqual({ missing: [], invalid: [broken.value] });
	});
});
