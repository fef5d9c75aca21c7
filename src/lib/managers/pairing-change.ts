// Writes a change of helper (domain/pairing-history.ts `changeHelper`) in one transaction: the
// same steps for a student's teacher and a household's cadre, so one undo takes it back.
import type { Issue, TeacherChange } from '$lib/domain';
import type { RecordStore } from '$lib/doc';

export function applyPairingChange(main: RecordStore, change: TeacherChange): Issue[] {
	const issues: Issue[] = [];
	main.transact(() => {
		for (const id of change.remove ?? []) {
			const r = main.remove('pairing', id);
			if (!r.ok) issues.push(...r.issues);
		}
		for (const e of change.end) {
			const r = main.update('pairing', e.id, { endDate: e.endDate });
			if (!r.ok) issues.push(...r.issues);
		}
		if (change.create) {
			const r = main.create('pairing', change.create);
			if (!r.ok) issues.push(...r.issues);
		}
	});
	return issues;
}
