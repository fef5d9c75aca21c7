import { describe, expect, it } from 'vitest';
import { formatActor } from '../domain';
import { WorkspaceDocs } from './workspace-docs';
import { syncDocs } from './test-helpers';

/**
 * Keyed list items under undo, shrunk from the convergence fuzz (FUZZ_SEED=662201): undoing
 * an item's addition deletes its key outright (no tombstone), so another member's edit of a
 * field of that item was read as a half item ({ labour } with no name), which made the whole
 * household invalid on every device. Each test failed on the code before the fix.
 */

const household = { headName: '王大明', village: '石门村' };

async function pair() {
	const now = () => new Date('2026-03-01T08:00:00.000Z');
	const a = await WorkspaceDocs.open({
		workspaceId: 'ws1',
		actor: formatActor('张老师', 'd-a'),
		now
	});
	const b = await WorkspaceDocs.open({
		workspaceId: 'ws1',
		actor: formatActor('李老师', 'd-b'),
		now
	});
	a.main.doc.clientID = 101;
	b.main.doc.clientID = 202;
	a.main.create('household', household, { id: 'h1' });
	syncDocs(a.main.doc, b.main.doc);
	return { a, b };
}

const membersOf = (docs: WorkspaceDocs) => docs.main.raw('household', 'h1')?.['members'];

describe('keyed list items under undo', () => {
	it('an addition undone while another member edited the item leaves no half item', async () => {
		const { a, b } = await pair();
		a.main.addItem('household', 'h1', 'members', { name: '王小花' }, { id: 'm1' });
		syncDocs(a.main.doc, b.main.doc);
		// Apart: B sets a field of the new member, A takes the member back.
		b.main.updateItem('household', 'h1', 'members', 'm1', { labour: 'weak' });
		expect(a.undo()).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		for (const docs of [a, b]) {
			expect(membersOf(docs)).toBeUndefined();
			expect(docs.main.get('household', 'h1')?.ok).toBe(true);
		}
	});

	it('an addition and removal undone as one step, concurrent with an edit: item gone everywhere', async () => {
		const { a, b } = await pair();
		// Both of A's writes fall in one capture window, so one undo takes both back (the fuzz
		// wrote them within Yjs's 500 ms; a long window makes that independent of the clock).
		a.main.undo.captureTimeout = 60_000;
		a.main.addItem('household', 'h1', 'members', { name: '王小花' }, { id: 'm1' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.updateItem('household', 'h1', 'members', 'm1', { labour: 'weak' });
		a.main.removeItem('household', 'h1', 'members', 'm1');
		expect(a.undo()).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		for (const docs of [a, b]) {
			expect(membersOf(docs)).toBeUndefined();
			expect(docs.main.get('household', 'h1')?.ok).toBe(true);
		}
	});

	it('undoing an addition after seeing another member’s edit of it keeps the item', async () => {
		const { a, b } = await pair();
		a.main.addItem('household', 'h1', 'members', { name: '王小花' }, { id: 'm1' });
		syncDocs(a.main.doc, b.main.doc);
		b.main.updateItem('household', 'h1', 'members', 'm1', { labour: 'weak' });
		syncDocs(a.main.doc, b.main.doc);
		a.undo();
		syncDocs(a.main.doc, b.main.doc);
		for (const docs of [a, b])
			expect(membersOf(docs)).toEqual({ m1: { name: '王小花', order: 1, labour: 'weak' } });
	});

	it('undo and redo of one’s own addition still take the item away and bring it back', async () => {
		const { a, b } = await pair();
		a.main.addItem('household', 'h1', 'members', { name: '王小花' }, { id: 'm1' });
		a.main.updateItem('household', 'h1', 'members', 'm1', { labour: 'weak' });
		expect(a.undo()).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		expect(membersOf(b)).toBeUndefined();
		expect(a.redo()).toBe(true);
		syncDocs(a.main.doc, b.main.doc);
		for (const docs of [a, b])
			expect(membersOf(docs)).toEqual({ m1: { name: '王小花', order: 1, labour: 'weak' } });
	});

	it('a year-keyed list (incomes) is still made of its field edits alone', async () => {
		const { a, b } = await pair();
		a.main.updateItem('household', 'h1', 'incomes', '2026', { wages: 12000 }, { upsert: true });
		syncDocs(a.main.doc, b.main.doc);
		expect(b.main.raw('household', 'h1')?.['incomes']).toEqual({ '2026': { wages: 12000 } });
	});
});
