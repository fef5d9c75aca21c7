// The workspace file (备份文件): one device's whole copy of a workspace in one JSON file, so it
// can be kept, carried to another device, or handed over by a device that lost its access.
// Every document of the family is its full Yjs state (`Y.encodeStateAsUpdate`), so importing
// is a Yjs merge: it adds what the device lacks and can overwrite nothing. Each document and
// photo carries its SHA-256, so a truncated or altered file is refused before anything is
// applied. Pure TypeScript (Yjs, zod, Web Crypto): no DOM, no storage, runs in node.
import * as Y from 'yjs';
import { z } from 'zod';
import { MAIN_DOC, isShardName } from '$lib/doc/layout';
import { fromBase64, sha256Hex, toBase64 } from './bytes';

/** Written into every file; a file without it is not ours. */
export const BACKUP_FORMAT = 'bangfu-workspace';
/** Bumped when a reader of this version could misread a newer file; newer files are refused. */
export const BACKUP_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupDocumentSchema = z.object({
	/** 'main' or a shard name such as 'visits-2026' (layout.ts). */
	name: z.string().refine((n) => n === MAIN_DOC || isShardName(n)),
	/** base64 of `Y.encodeStateAsUpdate(doc)`. */
	update: z.string(),
	sha256: hex64
});

export const backupPhotoSchema = z.object({
	sha256: hex64,
	type: z.string().max(200),
	size: z.number().int().nonnegative(),
	/** Where the photo stood on the exporting device: `pending` had not reached the relay. */
	state: z.enum(['pending', 'uploaded', 'remote', 'refused']),
	data: z.string(),
	createdAt: z.string()
});

export const backupEnvelopeSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(BACKUP_VERSION),
	workspace: z.object({
		id: z.string().min(1).max(200),
		kind: z.enum(['school', 'village', 'pairing']),
		name: z.string().min(1).max(500)
	}),
	exportedAt: z.string(),
	exportedBy: z.object({
		/** The person's name as this device records it ("张老师 · d-…"). */
		actor: z.string(),
		role: z.enum(['owner', 'editor', 'viewer'])
	}),
	documents: z.array(backupDocumentSchema).min(1),
	photos: z.array(backupPhotoSchema),
	/** Photos of this workspace the device had but left out (see workspace-file.ts). */
	photosLeftOut: z.number().int().nonnegative()
});
export type BackupEnvelope = z.infer<typeof backupEnvelopeSchema>;
export type BackupPhotoMeta = Omit<z.infer<typeof backupPhotoSchema>, 'data'>;

/** What a file is made from: the documents as Yjs states, the photos as bytes. */
export interface BackupContent {
	workspace: BackupEnvelope['workspace'];
	exportedAt: Date;
	exportedBy: BackupEnvelope['exportedBy'];
	documents: { name: string; update: Uint8Array }[];
	photos: (BackupPhotoMeta & { bytes: Uint8Array })[];
	photosLeftOut: number;
}

/** A file read and checked: every update decodes and matches its hash. */
export interface BackupFile {
	workspace: BackupEnvelope['workspace'];
	exportedAt: string;
	exportedBy: BackupEnvelope['exportedBy'];
	documents: { name: string; update: Uint8Array }[];
	photos: (BackupPhotoMeta & { bytes: Uint8Array })[];
	photosLeftOut: number;
}

/** Why a file is refused (each has its Chinese line in messages, `backup_error_<code>`). */
export type BackupRefusal =
	| 'unreadable' // not JSON at all: cut off in transfer, or another kind of file
	| 'wrong_format' // JSON, but not a Bangfu workspace file
	| 'newer_version' // made by a newer app version: we might misread it
	| 'damaged' // our format, but fields missing or a hash that does not match
	| 'other_workspace'; // a valid file of another workspace than the one importing it

export type BackupRead = { ok: true; file: BackupFile } | { ok: false; refusal: BackupRefusal };

export async function encodeBackup(content: BackupContent): Promise<string> {
	const envelope: BackupEnvelope = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		workspace: content.workspace,
		exportedAt: content.exportedAt.toISOString(),
		exportedBy: content.exportedBy,
		documents: await Promise.all(
			content.documents.map(async (d) => ({
				name: d.name,
				update: toBase64(d.update),
				sha256: await sha256Hex(d.update)
			}))
		),
		photos: content.photos.map(({ bytes, ...meta }) => ({ ...meta, data: toBase64(bytes) })),
		photosLeftOut: content.photosLeftOut
	};
	return JSON.stringify(backupEnvelopeSchema.parse(envelope));
}

/**
 * Reads a file and checks all of it before the caller applies anything: the envelope, each
 * document's hash and that it decodes as a Yjs update, each photo's hash. With
 * `workspaceId`, a file of another workspace is refused.
 */
export async function readBackup(text: string, workspaceId?: string): Promise<BackupRead> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, refusal: 'unreadable' };
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		return { ok: false, refusal: 'wrong_format' };
	const head = json as { format?: unknown; version?: unknown };
	if (head.format !== BACKUP_FORMAT) return { ok: false, refusal: 'wrong_format' };
	if (typeof head.version === 'number' && head.version > BACKUP_VERSION)
		return { ok: false, refusal: 'newer_version' };
	const parsed = backupEnvelopeSchema.safeParse(json);
	if (!parsed.success) return { ok: false, refusal: 'damaged' };
	const env = parsed.data;
	if (workspaceId !== undefined && env.workspace.id !== workspaceId)
		return { ok: false, refusal: 'other_workspace' };
	const names = env.documents.map((d) => d.name);
	if (!names.includes(MAIN_DOC) || new Set(names).size !== names.length)
		return { ok: false, refusal: 'damaged' };
	const documents: BackupFile['documents'] = [];
	for (const d of env.documents) {
		const update = decodeChecked(d.update);
		if (!update || (await sha256Hex(update)) !== d.sha256 || !decodesAsUpdate(update))
			return { ok: false, refusal: 'damaged' };
		documents.push({ name: d.name, update });
	}
	const photos: BackupFile['photos'] = [];
	for (const { data, ...meta } of env.photos) {
		const bytes = decodeChecked(data);
		if (!bytes || bytes.length !== meta.size || (await sha256Hex(bytes)) !== meta.sha256)
			return { ok: false, refusal: 'damaged' };
		photos.push({ ...meta, bytes });
	}
	return {
		ok: true,
		file: {
			workspace: env.workspace,
			exportedAt: env.exportedAt,
			exportedBy: env.exportedBy,
			documents,
			photos,
			photosLeftOut: env.photosLeftOut
		}
	};
}

function decodeChecked(b64: string): Uint8Array | undefined {
	try {
		return fromBase64(b64);
	} catch {
		return undefined;
	}
}

/** Applies the update to a scratch document: Yjs throws on most malformed updates. */
function decodesAsUpdate(update: Uint8Array): boolean {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, update);
		return true;
	} catch {
		return false;
	} finally {
		scratch.destroy();
	}
}

/**
 * Merges a file's document into a device's document: a Yjs update apply, so nothing the
 * device has is overwritten or lost. Returns whether the device learnt anything from it.
 */
export function mergeDocument(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
	const before = Y.encodeStateVector(doc);
	Y.applyUpdate(doc, update, origin);
	const after = Y.encodeStateVector(doc);
	// Deletions alone are not counted: the answer only says whether there was something new.
	return !sameBytes(before, after);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The file's name: the workspace and the day, e.g. `帮扶备份-石门村工作组-2026-12-02.json`. */
export function backupFileName(workspaceName: string, day: string): string {
	const safe = workspaceName.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
	return `帮扶备份-${safe}-${day}.json`;
}
