import { KINDS, isKind } from '../domain';
import { baseName, textName } from './layout';
import type { Json } from './merge';
import type { RecordReader } from './record-reader';

/**
 * `reader.raw(kind, id)` as JSON text, for handing records on unvalidated (the rules' worker)
 * without parsing them here: an unedited record is its stored base string, with its long
 * texts appended as later keys (JSON.parse keeps the last of a repeated key, as raw() lets
 * the text win). Edited records are merged by raw(). Undefined when there is none or its
 * base is damaged; a base string that is not an object is handed on as it is (and refused).
 */
export function rawJson(reader: RecordReader, kind: string, id: string): string | undefined {
	const stored = reader.doc.getMap<Json>(baseName(kind)).get(id);
	if (typeof stored === 'string' && !reader.edited(kind, id)) {
		const texts: readonly string[] = isKind(kind) ? KINDS[kind].texts : [];
		const extra: string[] = [];
		for (const field of texts) {
			const name = textName(kind, id, field);
			if (!reader.doc.share.has(name)) continue;
			extra.push(`${JSON.stringify(field)}:${JSON.stringify(reader.doc.getText(name).toString())}`);
		}
		const body = stored.trimEnd();
		if (extra.length === 0 || !body.endsWith('}')) return stored;
		const head = body.slice(0, -1).trimEnd();
		return `${head}${head.endsWith('{') ? '' : ','}${extra.join(',')}}`;
	}
	const raw = reader.damaged(kind, id) ? undefined : reader.raw(kind, id);
	return raw && JSON.stringify(raw);
}
