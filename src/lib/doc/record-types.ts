import { nanoid } from 'nanoid';
import { KINDS, validate, type Issue, type Kind, type RecordOf } from '../domain';
import { DOC_SCHEMA_VERSION, parseVersionKey } from './layout';
import { isObject, type Json, type JsonObject } from './merge';

/**
 * A record as read: valid and typed, or invalid with its issues — never dropped. `damaged`:
 * its stored base could not be decoded (truncated, not an object); `raw` then holds its id
 * and whatever its patches say, and the issues include 'record.damaged'.
 */
export type ReadResult<K extends Kind = Kind> =
	| {
			ok: true;
			kind: K;
			id: string;
			record: RecordOf<K>;
			raw: JsonObject;
			deleted: boolean;
			damaged: false;
	  }
	| {
			ok: false;
			kind: K;
			id: string;
			issues: Issue[];
			raw: JsonObject;
			deleted: boolean;
			damaged: boolean;
	  };

export type WriteResult<T = undefined> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** What a store needs from its family: who writes, the clock, the local origin. */
export interface StoreContext {
	/** Transaction origin of this device's own edits; the undo manager tracks only it. */
	origin: object;
	actor(): string;
	now(): Date;
	/** False on a viewer's device: it writes nothing, not even noticed conflicts. */
	canWrite?(): boolean;
}

export interface Compat {
	/** 'newer': written by a newer major version; this app reads but does not write. */
	status: 'ok' | 'newer';
	major: number;
	minor: number;
}

/** A new id for a record or a keyed-list item. */
export const newId = () => nanoid(12);

/**
 * Bases are stored as JSON text: Yjs decodes a string far faster than its own encoding of a
 * nested object, and we parse a record only when someone reads it. An object base (written
 * by hand or a future version) is read as is.
 */
export function decodeBase(stored: Json | undefined): JsonObject | undefined {
	if (typeof stored === 'string') {
		try {
			const parsed: unknown = JSON.parse(stored);
			return isObject(parsed) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}
	return isObject(stored) ? stored : undefined;
}

/** A record's merged JSON read as its kind: typed when valid, else with its issues (never dropped). */
export function readResult<K extends Kind>(
	kind: K,
	id: string,
	raw: JsonObject,
	damaged: boolean
): ReadResult<K> {
	const deleted = typeof raw['deletedAt'] === 'string';
	const parsed = validate(KINDS[kind].schema, raw);
	if (parsed.ok && !damaged)
		return { ok: true, kind, id, record: parsed.data as RecordOf<K>, raw, deleted, damaged };
	const issues: Issue[] = [
		...(damaged ? [{ path: [], code: 'record.damaged' } satisfies Issue] : []),
		...(parsed.ok ? [] : parsed.issues)
	];
	return { ok: false, kind, id, issues, raw, deleted, damaged };
}

/** Version check over the document's version marks: a newer major is reported, never rewritten. */
export function compatOf(versionKeys: Iterable<string>): Compat {
	let major: number = DOC_SCHEMA_VERSION.major;
	let minor: number = DOC_SCHEMA_VERSION.minor;
	for (const key of versionKeys) {
		const v = parseVersionKey(key);
		if (v && (v.major > major || (v.major === major && v.minor > minor))) ({ major, minor } = v);
	}
	return { status: major > DOC_SCHEMA_VERSION.major ? 'newer' : 'ok', major, minor };
}
