import { describe, expect, it } from 'vitest';
import { baseName } from '$lib/doc/layout';
import { openTestDocs } from '$lib/doc/test-helpers';
import { readReportInput, visitsNeeded } from './report-source';

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

	it('opens only the shards a report reads', () => {
		expect(visitsNeeded('monthly', '2025-10-01', '2025-10-31')).toEqual({
			years: [2025],
			window: { from: '2025-10-01', to: '2025-10-31' }
		});
		expect(visitsNeeded('quarterly', '2025-10-01', '2025-12-31')).toEqual({ years: [2024, 2025] });
		expect(visitsNeeded('roster', '2025-01-01', '2025-12-31')).toEqual({ years: [] });
	});
});
