/**
 * The workspace document: a typed API over a family of Y.Docs. Pure: no Svelte, DOM,
 * Dexie or providers; the device and sync layers attach those through `DocOpener`.
 *
 * Open a workspace and read:
 *   const docs = await WorkspaceDocs.open({ workspaceId, actor: memberId, opener });
 *   docs.main.list('household')            // ReadResult[]: { ok, record | issues, raw, deleted }
 *   docs.main.get('household', id)         // one record (cached until it changes)
 *   docs.lastVisits()                      // subjectId -> last visit date, no shard loaded
 *   docs.observeLastVisits((subjectIds) => …)  // after the summary changes
 *   observeVisitsOf(docs, { kind: 'household', id }, [2026, 2025], (visits) => …)
 *   observeRecordsAbout(docs.main, 'plan', { kind: 'student', id }, (plans) => …)
 *   const v2026 = await docs.visits(2026)  // the visits shard of a year, opened on demand
 *
 * Write (each call is one transaction with the local origin; validated; stamps updatedBy/At;
 * returns { ok: true, value } or { ok: false, issues: [{ path, code }] } with codes from
 * domain/messages.ts):
 *   docs.main.create('household', draft)                          -> id
 *   docs.main.update('household', id, { housingGrade: 'C' })      // top-level fields
 *   docs.main.setPath('household', id, ['policies', 'dibao'], true)
 *   docs.main.addItem('household', id, 'members', member)         -> itemId
 *   docs.main.updateItem('household', id, 'members', itemId, { labour: 'weak' })
 *   docs.main.updateItem('household', id, 'incomes', '2026', { wages: 12000 }, { upsert: true })
 *   docs.main.removeItem('household', id, 'members', itemId)
 *   docs.main.remove('household', id) / restore('household', id)  // soft delete
 *   docs.main.text('plan', id, 'text')                            // Y.Text to bind an editor
 *   docs.main.setText / editText(...)                             // or splice through the API
 *   await docs.createVisit(draft)                                 // into the shard of its year
 *   store.transact(() => { ...several writes... })                // one undo step
 *
 * Observe (call once per record/list, not per keystroke):
 *   const stop = docs.main.observe('household', id, (r) => (state = r));
 *   const stop2 = docs.main.observeKind('household', (ids) => refresh(ids));
 *
 * Undo/redo this device's own edits, across the family: docs.undo(), docs.redo(). Undoing a
 * creation moves the record to the trash, only when nobody else has written to it since.
 * Who did what: store.history(kind, id) (entries: who, when, fields and values, offline),
 * store.created(kind, id), store.restoreValue(kind, id, path, value) (a new edit).
 * Trash: docs.trash() / store.trash() (deleted records of every kind), store.restore(...).
 * Conflicts: store.conflicts(kind, id) (values that lost a same-field merge, who, when) and
 * store.resolveConflict(kind, id, path, value); store.observeMerges(fn) names the records and
 * fields another device changed. Damaged bases: ReadResult.damaged + 'record.damaged'.
 * Compatibility: store.compat() -> { status: 'newer' } when a newer major version wrote the
 * doc (then every write returns 'doc.newer_version'); store.unknownKinds(), store.raw(kind, id)
 * show what a newer version stored. Unknown fields and kinds are never rewritten.
 * Layout and its numbers: layout.ts and docs/decisions/0001-document-layout.md.
 */
export { WorkspaceDocs, type DocOpener, type WorkspaceDocsOptions } from './workspace-docs';
export { RecordStore } from './record-store';
export { CREATE_ORIGIN } from './record-writer';
export {
	RecordReader,
	newId,
	type ReadResult,
	type WriteResult,
	type StoreContext,
	type Compat
} from './record-reader';
export {
	DOC_SCHEMA_VERSION,
	MAIN_DOC,
	SHARD_NAME,
	isShardName,
	roomName,
	baseName,
	patchName,
	textName,
	patchKey
} from './layout';
export { lastVisitDates } from './summary';
export { unconfirmedRecords, type UnconfirmedRecord } from './unconfirmed';
export { rawJson } from './raw-json';
export type { Conflict, MergeReport } from './conflicts';
export type { HistoryEntry, HistoryField } from './history';
export {
	subjectKey,
	subjectKinds,
	subjectOf,
	type SubjectKind,
	type SubjectRecordKind,
	type SubjectRef
} from './subjects';
export {
	SubjectIndex,
	observeRecordsAbout,
	observeVisitsOf,
	subjectIndexOf
} from './subject-index';
export type { Json, JsonObject } from './merge';
