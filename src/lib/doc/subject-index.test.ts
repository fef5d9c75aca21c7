// Visits by subject, across yearly shards, kept current by the shards' own events.
import { describe, expect, it } from 'vitest';
import type { Visit } from '../domain';
import { openTestDocs, syncDocs } from './test-helpers';
import { observeRecordsAbout, observeVisitsOf, subjectIndexOf } from './subject-index';
import { subjectOf } from './subjects';

const visit = (subjectKind: 'household' | 'student', subjectId: string, date: string) =>
	({ kind: 'visit', date, subjectKind, subjectId }) as const;

describe('visits by subject', () => {
	it('finds one subject’s visits in the shards of two years, newest first, and follows edits', async () => {
		const docs = await openTestDocs();
		await docs.createVisit(visit('household', 'h1', '2025-11-02'));
		await docs.createVisit(visit('household', 'h1', '2026-02-01'));
		await docs.createVisit(visit('household', 'h2', '2026-02-03'));
		// Same id, another kind: a student is not a household.
		await docs.createVisit(visit('student', 'h1', '2026-02-04'));
		let seen: Visit[] = [];
		const stop = observeVisitsOf(docs, { kind: 'household', id: 'h1' }, [2026, 2025], (v) => {
			seen = v;
		});
		await new Promise((r) => setTimeout(r, 0));
		expect(seen.map((v) => v.date)).toEqual(['2026-02-01', '2025-11-02']);

		const added = await docs.createVisit(visit('household', 'h1', '2026-02-20'));
		expect(seen.map((v) => v.date)).toEqual(['2026-02-20', '2026-02-01', '2025-11-02']);
		if (!added.ok) throw new Error('not created');
		const shard = await docs.visits(2026);
		shard.remove('visit', added.value.id);
		expect(seen.map((v) => v.date)).toEqual(['2026-02-01', '2025-11-02']);
		stop();
		docs.destroy();
	});

	it('re-files a visit whose subject changes, including one that arrives from another device', async () => {
		const docs = await openTestDocs();
		const shard = await docs.visits(2026);
		const index = subjectIndexOf(shard, 'visit');
		expect(subjectIndexOf(shard, 'visit')).toBe(index); // one index per shard and kind
		const r = await docs.createVisit(visit('household', 'h1', '2026-01-05'));
		if (!r.ok) throw new Error('not created');
		let h2Changes = 0;
		index.observe({ kind: 'household', id: 'h2' }, () => h2Changes++);
		shard.update('visit', r.value.id, { subjectId: 'h2' });
		expect(index.records({ kind: 'household', id: 'h1' })).toEqual([]);
		expect(index.records({ kind: 'household', id: 'h2' }).map((v) => v.id)).toEqual([r.value.id]);
		expect(h2Changes).toBe(1);

		const other = await openTestDocs('m2');
		const theirs = await other.visits(2026);
		theirs.create('visit', visit('household', 'h2', '2026-01-09'));
		syncDocs(theirs.doc, shard.doc);
		expect(index.records({ kind: 'household', id: 'h2' })).toHaveLength(2);
		expect(h2Changes).toBe(2);
		docs.destroy();
		other.destroy();
	});

	it('finds plans and cases about a subject in the main document', async () => {
		const docs = await openTestDocs();
		const plan = docs.main.create('plan', {
			subjectKind: 'student',
			subjectId: 's1',
			year: 2026,
			title: '学业帮扶'
		});
		const c = docs.main.create('case', { householdId: 'h1' });
		if (!plan.ok || !c.ok) throw new Error('not created');
		expect(subjectOf('plan', docs.main.raw('plan', plan.value))).toEqual({
			kind: 'student',
			id: 's1'
		});
		expect(subjectOf('case', docs.main.raw('case', c.value))).toEqual({
			kind: 'household',
			id: 'h1'
		});
		let plans: { id: string }[] = [];
		const s1 = { kind: 'student', id: 's1' } as const;
		const stop = observeRecordsAbout(docs.main, 'plan', s1, (p) => (plans = p));
		expect(plans.map((p) => p.id)).toEqual([plan.value]);
		// A household with the same id is another subject.
		expect(subjectIndexOf(docs.main, 'plan').records({ kind: 'household', id: 's1' })).toEqual([]);
		docs.main.remove('plan', plan.value);
		expect(plans).toEqual([]);
		stop();
		docs.destroy();
	});

	it('reports last-visit summary changes by subject id', async () => {
		const docs = await openTestDocs();
		const changed: string[][] = [];
		const stop = docs.observeLastVisits((ids) => changed.push([...ids]));
		await docs.createVisit(visit('household', 'h9', '2026-02-01'));
		expect(changed).toEqual([['h9']]);
		expect(docs.lastVisits().get('h9')).toBe('2026-02-01');
		stop();
		await docs.createVisit(visit('household', 'h9', '2026-02-05'));
		expect(changed).toHaveLength(1);
		docs.destroy();
	});
});
