// The history screen's manager over a real session in node (fake-indexeddb): entries newest
// first by person, which values still stand, an earlier value restored as a new edit, and a
// record that does not exist.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceDocs } from '$lib/doc';
import { deviceService } from '$lib/services/device.svelte';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { RecordHistoryManager } from './record-history.svelte';
import { StudentsManager } from './students.svelte';

describe('RecordHistoryManager', () => {
	it('[HIST1] lists who changed what newest first, marks what still stands, restores an earlier value as a new edit', async () => {
		await deviceService.load();
		await deviceService.setDisplayName('王丽');
		const ws = await deviceService.createWorkspace('红星小学关爱组', 'school');
		const session = await WorkspaceSession.open(ws, () => deviceService.actorIn(ws.id));
		const id = new StudentsManager(session).create({ name: '曾小乐' })!;
		// A creation is not an entry; this device's person then sets the class.
		expect(session.docs.main.update('student', id, { className: '五年级（1）班' }).ok).toBe(true);

		// Another teacher's device changes the class; its update arrives here.
		const other = await WorkspaceDocs.open({ workspaceId: ws.id, actor: '李强 · d-other' });
		const main = session.docs.main.doc;
		Y.applyUpdate(other.main.doc, Y.encodeStateAsUpdate(main));
		expect(other.main.update('student', id, { className: '五年级（2）班' }).ok).toBe(true);
		Y.applyUpdate(main, Y.encodeStateAsUpdate(other.main.doc, Y.encodeStateVector(main)));

		const history = new RecordHistoryManager(session, 'student', id);
		const stop = history.watch();
		expect([history.found, history.title, history.readonly]).toEqual([true, '曾小乐', false]);
		const classOf = (row: (typeof history.rows)[number]) =>
			row.fields.find((f) => f.path.join('.') === 'className');
		expect(history.rows.map((r) => r.who)).toEqual(['李强', '王丽']);
		expect(classOf(history.rows[0]!)).toMatchObject({ value: '五年级（2）班', current: true });
		expect(classOf(history.rows[1]!)).toMatchObject({ value: '五年级（1）班', current: false });

		// 恢复为此值: a new edit by this device's person, which joins the history.
		expect(history.restore(['className'], '五年级（1）班').ok).toBe(true);
		const student = session.record('student', id);
		expect(student?.ok && student.record.className).toBe('五年级（1）班');
		expect(history.rows[0]!.who).toBe('王丽');
		expect(classOf(history.rows[0]!)).toMatchObject({ value: '五年级（1）班', current: true });
		expect(classOf(history.rows.find((r) => r.who === '李强')!)).toMatchObject({ current: false });
		stop();

		const missing = new RecordHistoryManager(session, 'student', 'no-such-student');
		expect([missing.found, missing.rows, missing.title]).toEqual([false, [], undefined]);
		other.destroy();
		session.destroy();
	});
});
