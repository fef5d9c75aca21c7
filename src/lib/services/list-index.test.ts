// The list index keepers (households, students), over a real Dexie database (fake-indexeddb).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceDocs } from '$lib/doc';
import { BangfuDb, isListRow, listIndexSchema, listRowSchema, type ListIndex } from '$lib/local/db';
import {
	keepHouseholdIndex,
	keepListIndex,
	readHouseholdIndex,
	readListIndex,
	writeListIndex
} from './list-index';
import { RecordRows } from './record-rows';

afterEach(() => vi.useRealTimers());

const settle = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
	await vi.waitFor(() => undefined);
};

describe('keepHouseholdIndex', () => {
	it('writes at once, then once per burst of changes after the delay; stops writing when stopped', async () => {
		const db = new BangfuDb('list-index-test-1');
		const docs = await WorkspaceDocs.open({ workspaceId: 'li1', actor: 'm1' });
		const rows = new RecordRows(docs.main);
		docs.main.create('household', { headName: '张三', village: '河西村' });
		const writes = vi.spyOn(db.listIndex, 'put');
		vi.useFakeTimers();
		const stop = keepHouseholdIndex({
			db,
			workspaceId: 'li1',
			rows: () => rows.rows('household'),
			observe: (fn) => docs.main.observeKind('household', fn),
			delayMs: 2_000
		});
		expect(writes).toHaveBeenCalledTimes(1);
		const gone = docs.main.create('household', { headName: '李四' });
		docs.main.create('household', { headName: '阿布' });
		if (gone.ok) docs.main.remove('household', gone.value);
		expect(writes).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(2_000);
		expect(writes).toHaveBeenCalledTimes(2);
		vi.useRealTimers();
		await settle();
		const stored = await readHouseholdIndex(db, 'li1');
		// Deleted ones left out, sorted in pinyin order (阿 a, 张 zh).
		expect(stored?.map((r) => r.name)).toEqual(['阿布', '张三']);
		expect(stored?.[1]?.place).toBe('河西村');

		vi.useFakeTimers();
		stop();
		docs.main.create('household', { headName: '王五' });
		vi.advanceTimersByTime(10_000);
		expect(writes).toHaveBeenCalledTimes(2);
		rows.destroy();
		docs.destroy();
		db.close();
	});
});

describe('keepHouseholdIndex skips changes the list does not show', () => {
	it('writes nothing for typing in the notes, and writes for a new name', async () => {
		const db = new BangfuDb('list-index-test-skip');
		const docs = await WorkspaceDocs.open({ workspaceId: 'li-skip', actor: 'm1' });
		const rows = new RecordRows(docs.main);
		const h = docs.main.create('household', { headName: '张三', village: '河西村' });
		if (!h.ok) throw new Error('create failed');
		const writes = vi.spyOn(db.listIndex, 'put');
		vi.useFakeTimers();
		const stop = keepHouseholdIndex({
			db,
			workspaceId: 'li-skip',
			rows: () => rows.rows('household'),
			rowOf: (id) => rows.rows('household').find((r) => r.id === id),
			observe: (fn) => docs.main.observeKind('household', fn),
			delayMs: 2_000
		});
		expect(writes).toHaveBeenCalledTimes(1);
		docs.main.text('household', h.value, 'notes').insert(0, '门前有狗');
		docs.main.update('household', h.value, { housingGrade: 'C' });
		vi.advanceTimersByTime(5_000);
		expect(writes).toHaveBeenCalledTimes(1);
		docs.main.update('household', h.value, { headName: '张三丰' });
		vi.advanceTimersByTime(2_000);
		expect(writes).toHaveBeenCalledTimes(2);
		vi.useRealTimers();
		await settle();
		expect((await readHouseholdIndex(db, 'li-skip'))?.map((r) => r.name)).toEqual(['张三丰']);
		stop();
		rows.destroy();
		docs.destroy();
		db.close();
	});
});

describe('keepListIndex for a school’s students', () => {
	it('keeps the students’ names, classes and categories apart from the households', async () => {
		const db = new BangfuDb('list-index-test-students');
		const docs = await WorkspaceDocs.open({ workspaceId: 'li2', actor: 'm1' });
		const rows = new RecordRows(docs.main);
		docs.main.create('student', {
			name: '曾小乐',
			className: '五年级（1）班',
			categories: { left_behind: true, disabled: false, struggling: true }
		});
		docs.main.create('student', { name: '阿依' });
		docs.main.create('household', { headName: '张三' });
		const stop = keepListIndex({
			db,
			workspaceId: 'li2',
			subject: 'student',
			rows: () => rows.rows('student'),
			observe: (fn) => docs.main.observeKind('student', fn)
		});
		await settle();
		const stored = await readListIndex(db, 'li2', 'student');
		expect(stored?.map(({ id: _, ...r }) => r)).toEqual([
			{ name: '阿依', place: '' },
			{ name: '曾小乐', place: '五年级（1）班', tags: ['left_behind', 'struggling'] }
		]);
		expect(await readHouseholdIndex(db, 'li2')).toBeUndefined();
		stop();
		docs.destroy();
		db.close();
	});
});

describe('readListIndex (plain IndexedDB, before Dexie)', () => {
	it('reads what Dexie wrote, refuses a row of another shape, and never creates the database', async () => {
		const db = new BangfuDb('list-index-raw-1');
		const rows = [
			{ id: 'h1', name: '张三', place: '河西村', type: 'low' },
			{ id: 's1', name: '李四', place: '七(2)班', tags: ['leftBehind'] }
		];
		await writeListIndex(db, 'w1', 'household', rows);
		expect(await readListIndex(db, 'w1', 'household')).toEqual(rows);
		expect(await readListIndex(db, 'w1', 'student')).toBeUndefined();
		// A newer app's row (or a damaged one): no index, and the schema agrees.
		const odd = { key: 'w1:student', workspaceId: 'w1', savedAt: '', rows: [{ id: 's', name: 1 }] };
		await db.listIndex.put(odd as unknown as ListIndex);
		expect(listIndexSchema.safeParse(odd).success).toBe(false);
		expect(await readListIndex(db, 'w1', 'student')).toBeUndefined();
		for (const r of rows) expect(isListRow(r)).toBe(listRowSchema.safeParse(r).success);
		db.close();
		// No database of that name: nothing read, nothing created (Dexie will create it).
		expect(
			await readListIndex(new BangfuDb('list-index-raw-none'), 'w1', 'household')
		).toBeUndefined();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('list-index-raw-none');
	});
});
