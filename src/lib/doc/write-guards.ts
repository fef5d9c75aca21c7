// What every write of RecordWriter checks and stamps, as plain functions over the document:
// refusals (newer document, read-only device, unknown or misplaced kind, a date outside the
// shard's year), the document's version/kind marks, and the smallest splice of a text.
import type * as Y from 'yjs';
import { KINDS, isKind, type Issue, type Kind } from '../domain';
import type { WriteResult } from './record-reader';
import { DOC_SCHEMA_VERSION, KINDS_REGISTRY, META, versionKey } from './layout';
import { textSplice, type JsonObject } from './merge';

export const fail = (code: Issue['code'], path: (string | number)[] = []): WriteResult<never> => ({
	ok: false,
	issues: [{ path, code }]
});

/** Why a write of this kind is refused before looking at the record, if it is. */
export function refusal(
	kind: string,
	store: { newer: boolean; canWrite: boolean; year: number | undefined }
): WriteResult<never> | undefined {
	if (store.newer) return fail('doc.newer_version');
	// A viewer's writes would stay on its device forever (the relay never takes them).
	if (!store.canWrite) return fail('doc.read_only');
	if (!isKind(kind)) return fail('field.not_editable');
	const sharded = KINDS[kind].home === 'year';
	if (sharded !== (store.year !== undefined)) return fail('field.not_editable');
	return undefined;
}

/** A yearly shard takes only records dated in its year. */
export function yearIssue(
	year: number | undefined,
	kind: Kind,
	data: JsonObject
): WriteResult<never> | undefined {
	if (year === undefined || KINDS[kind].home !== 'year') return undefined;
	const date = data['date'];
	if (typeof date === 'string' && date.slice(0, 4) !== String(year))
		return fail('date.shard_year', ['date']);
	return undefined;
}

/** Marks the doc with our version and the kind as present (idempotent keys, no churn). */
export function stampDoc(doc: Y.Doc, kind: string): void {
	const meta = doc.getMap(META);
	const v = versionKey(DOC_SCHEMA_VERSION);
	if (!meta.has(v)) meta.set(v, true);
	const registry = doc.getMap(KINDS_REGISTRY);
	if (!registry.has(kind)) registry.set(kind, true);
}

/** Replaces a text's content by the smallest splice, so others' concurrent typing survives. */
export function spliceTo(text: Y.Text, value: string): void {
	const { index, remove, insert } = textSplice(text.toString(), value);
	if (remove > 0) text.delete(index, remove);
	if (insert) text.insert(index, insert);
}
