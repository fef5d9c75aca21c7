// 本机备份 on the workspace settings screen: the whole workspace as one file (export), and a
// file merged back in (import). The format and its checks are backup/format.ts; the device's
// side is services/workspace-file.ts. The screen shows `outcome` in words.
import { deviceService } from '$lib/services/device.svelte';
import { download } from '$lib/services/save-file';
import { exportWorkspace, importIntoRuntime } from '$lib/services/workspace-file';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';
import type { BackupRefusal } from '$lib/backup/format';

export type BackupOutcome =
	| { done: 'exported'; fileName: string; documents: number; photos: number; photosLeftOut: number }
	| { done: 'imported'; documentsChanged: number; photosAdded: number; exportedBy: string }
	| { done: 'refused'; refusal: BackupRefusal | 'read_only' | 'too_large' }
	| { done: 'failed'; message: string };

/** A file larger than this is not read (a phone would run out of memory parsing it). */
export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;

export const BACKUP_MIME = 'application/json';

export class WorkspaceBackupManager {
	readonly #session: WorkspaceSession;
	#busy = $state<'export' | 'import' | undefined>();
	#outcome = $state.raw<BackupOutcome | undefined>();

	constructor(session: WorkspaceSession) {
		this.#session = session;
	}

	get busy() {
		return this.#busy;
	}
	get outcome() {
		return this.#outcome;
	}
	/** A viewer exports (a copy of what it reads) but cannot import: nothing it adds is kept. */
	get canImport(): boolean {
		return !this.#session.readonly;
	}

	/** Makes the file and hands it to the browser as a download. */
	async exportFile(): Promise<BackupOutcome> {
		this.#busy = 'export';
		try {
			const f = await exportWorkspace(this.#session.runtime, deviceService.db);
			download(f.text, f.fileName, BACKUP_MIME);
			const { fileName, documents, photos, photosLeftOut } = f;
			return (this.#outcome = { done: 'exported', fileName, documents, photos, photosLeftOut });
		} catch (e) {
			return (this.#outcome = {
				done: 'failed',
				message: e instanceof Error ? e.message : String(e)
			});
		} finally {
			this.#busy = undefined;
		}
	}

	/** Reads a chosen file and merges it; a refused file changes nothing. */
	async importFile(file: File): Promise<BackupOutcome> {
		if (file.size > MAX_IMPORT_BYTES)
			return (this.#outcome = { done: 'refused', refusal: 'too_large' });
		this.#busy = 'import';
		try {
			const r = await importIntoRuntime(this.#session.runtime, deviceService.db, await file.text());
			if (!r.ok) return (this.#outcome = { done: 'refused', refusal: r.refusal });
			if (r.photosAdded > 0) this.#session.photos.kick();
			return (this.#outcome = {
				done: 'imported',
				documentsChanged: r.documentsChanged,
				photosAdded: r.photosAdded,
				exportedBy: r.file.exportedBy.actor
			});
		} catch (e) {
			return (this.#outcome = {
				done: 'failed',
				message: e instanceof Error ? e.message : String(e)
			});
		} finally {
			this.#busy = undefined;
		}
	}
}
