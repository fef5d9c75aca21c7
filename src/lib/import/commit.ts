import { sortedItems, type DraftOf, type HouseholdMember, type Guardian } from '$lib/domain';
import type { RecordStore } from '$lib/doc';
import type { Json, JsonObject } from '$lib/doc';
import type { ImportCode } from './messages';
import type { Preview } from './preview';
import type { Target } from './columns';

/** What to do with a row that duplicates an existing record (default: skip it). */
export type Choice = 'merge' | 'skip';

export type CommitResult =
	| { ok: true; created: string[]; merged: string[]; skipped: number }
	| { ok: false; code: ImportCode | 'doc.newer_version' };

type Person = { name: string; idNumber?: string | undefined; birthDate?: string | undefined };

function samePerson(a: Person, b: Person): boolean {
	if (a.idNumber && b.idNumber) return a.idNumber === b.idNumber;
	return a.name === b.name && (!a.birthDate || !b.birthDate || a.birthDate === b.birthDate);
}

const json = (v: unknown) => v as JsonObject; // validated drafts are JSON by their schemas

function mergeList<T extends Person>(
	store: RecordStore,
	kind: Target,
	id: string,
	list: 'members' | 'guardians',
	current: Record<string, T & { order?: number | undefined }> | undefined,
	incoming: Record<string, T> | undefined
): boolean {
	const have = sortedItems(current);
	for (const item of Object.values(incoming ?? {})) {
		const { order: _order, ...fields } = item as T & { order?: number };
		const match = have.find((h) => samePerson(h, item));
		// `kind` and `list` go together (household/members, student/guardians); the generic
		// signature cannot say so, hence the casts.
		const k = kind as 'household';
		const l = list as 'members';
		const r = match
			? store.updateItem(k, id, l, match.id, fields as Record<string, Json>)
			: store.addItem(k, id, l, json(fields));
		if (!r.ok) return false;
	}
	return true;
}

function mergeInto(
	store: RecordStore,
	item: Preview['items'][number],
	id: string,
	target: Target
): boolean {
	if (target === 'household') {
		const draft = item.draft as DraftOf<'household'>;
		const { members, incomes, ...top } = draft;
		const current = store.get('household', id);
		if (!current?.ok) return false;
		if (!store.update('household', id, top).ok) return false;
		for (const [year, income] of Object.entries(incomes ?? {}))
			if (!store.updateItem('household', id, 'incomes', year, json(income), { upsert: true }).ok)
				return false;
		return mergeList<HouseholdMember>(
			store,
			'household',
			id,
			'members',
			current.record.members,
			members as Record<string, HouseholdMember>
		);
	}
	const draft = item.draft as DraftOf<'student'>;
	const { guardians, ...top } = draft;
	const current = store.get('student', id);
	if (!current?.ok) return false;
	if (!store.update('student', id, top).ok) return false;
	return mergeList<Guardian>(
		store,
		'student',
		id,
		'guardians',
		current.record.guardians,
		guardians as Record<string, Guardian>
	);
}

/**
 * Writes a previewed file through the document layer, all of it or none of it: refused while
 * the preview lists any problem, one transaction (so one undo step undoes the whole file),
 * and rolled back by that undo step should any write be refused half-way.
 */
export function commitImport(
	store: RecordStore,
	preview: Preview,
	choices: Record<number, Choice> = {}
): CommitResult {
	if (preview.problems.length > 0) return { ok: false, code: 'import.has_problems' };
	if (store.compat().status === 'newer') return { ok: false, code: 'doc.newer_version' };
	const created: string[] = [];
	const merged: string[] = [];
	let skipped = 0;
	let failed = false;
	store.undo.stopCapturing();
	store.transact(() => {
		preview.items.forEach((item, i) => {
			if (failed) return;
			if (item.duplicateOf) {
				if ((choices[i] ?? 'skip') === 'skip') {
					skipped++;
					return;
				}
				if (mergeInto(store, item, item.duplicateOf.id, preview.target))
					merged.push(item.duplicateOf.id);
				else failed = true;
				return;
			}
			const r = store.create(preview.target, item.draft as DraftOf<typeof preview.target>);
			if (r.ok) created.push(r.value);
			else failed = true;
		});
	});
	if (failed) {
		store.undo.undo();
		return { ok: false, code: 'import.write_failed' };
	}
	store.undo.stopCapturing();
	return { ok: true, created, merged, skipped };
}
