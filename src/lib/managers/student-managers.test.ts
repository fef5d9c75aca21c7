// The student managers over a real session in node (fake-indexeddb under Dexie and
// y-indexeddb): adding students, searching by initials once pinyin has loaded, filtering by
// "my students", and changing the responsible teacher while keeping the history.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deviceService } from '$lib/services/device.svelte';
import { WorkspaceSession } from '$lib/services/workspace.svelte';
import { MembersManager } from './members.svelte';
import { StudentFileManager } from './student-file.svelte';
import { StudentsManager } from './students.svelte';

async function openSchool() {
	await deviceService.load();
	const ws = await deviceService.createWorkspace('红星小学关爱组', 'school');
	const session = await WorkspaceSession.open(ws, () => deviceService.actorIn(ws.id));
	return session;
}

describe('student managers', () => {
	it('add, search by initials, my students, change of teacher with history', async () => {
		const session = await openSchool();
		const team = new MembersManager(session);
		const wang = team.create({ name: '王丽', role: 'class_teacher' })!;
		const li = team.create({ name: '李强', role: 'member' })!;
		await team.linkMe(wang);
		expect(team.me).toBe(wang);
		expect(session.isSchool).toBe(true);

		const list = new StudentsManager(session);
		const zeng = list.create({ name: '曾小乐', className: '五年级（1）班' }, true)!;
		list.create({ name: '王大华', className: '三年级（2）班', categories: { disabled: true } });
		expect(list.create({ name: '  ' })).toBeUndefined();
		expect(list.issues.map((i) => i.code)).toContain('required');

		list.setFilter('query', 'zxl');
		expect(list.results.map((e) => e.name)).toEqual([]); // pinyin not loaded yet
		await list.loadPinyin();
		expect(list.results.map((e) => e.name)).toEqual(['曾小乐']);
		list.setFilter('query', '');
		list.mine = true;
		expect(list.results.map((e) => e.id)).toEqual([zeng]);
		list.mine = false;
		list.setFilter('category', 'disabled');
		expect(list.results.map((e) => e.name)).toEqual(['王大华']);

		const file = new StudentFileManager(session, zeng);
		const stop = file.watch();
		expect(file.currentTeacherIds).toEqual([wang]);
		expect(file.changeTeacher(li)).toEqual([]);
		expect(file.currentTeacherIds).toEqual([li]);
		// Made today and changed today: a correction, so only the new teacher remains.
		expect(file.teacherHistory.map((p) => p.supporterId)).toEqual([li]);
		expect(new MembersManager(session).rows.find((r) => r.id === li)?.students).toBe(1);

		expect(file.setPath(['father', 'away'], true).ok).toBe(true);
		expect(file.update('guardianshipRating', 'poor').ok).toBe(true);
		expect(file.update('disabilityGrade', 7).ok).toBe(false);
		expect(file.student?.father).toEqual({ away: true });
		stop();
		session.destroy();
	});
});
