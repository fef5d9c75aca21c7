import { KIND_NAMES } from '../domain';
import type { RecordReader } from './record-reader';
import type { ReadResult } from './record-types';

/** Deleted records of every kind this version knows, in one document, latest deletion first. */
export function trashOf(reader: RecordReader): ReadResult[] {
	const out: ReadResult[] = [];
	for (const kind of KIND_NAMES)
		for (const r of reader.list(kind, { includeDeleted: true })) if (r.deleted) out.push(r);
	return out.sort((a, b) =>
		String(b.raw['deletedAt'] ?? '').localeCompare(String(a.raw['deletedAt'] ?? ''))
	);
}
