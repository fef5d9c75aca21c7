// 从备份文件恢复 on the workspaces screen (/): a workspace file opened on a device. A workspace
// this device already has is merged through its session, like an import from its settings; a
// new one is written to the device and listed, without a relay: to sync again the person joins
// with an invitation (the copy then merges with the relay's).
import { deviceService } from '$lib/services/device.svelte';
import { importIntoRuntime, readBackup, storeAsNew } from '$lib/services/workspace-file';
import { openSession } from '$lib/services/workspace.svelte';
import { MAX_IMPORT_BYTES, type BackupOutcome } from './workspace-backup.svelte';

export type RestoreOutcome =
	| Extract<BackupOutcome, { done: 'refused' } | { done: 'failed' }>
	| { done: 'restored'; workspaceId: string; name: string; merged: boolean };

export class RestoreBackupManager {
	#busy = $state(false);
	#outcome = $state.raw<RestoreOutcome | undefined>();

	get busy(): boolean {
		return this.#busy;
	}
	get outcome(): RestoreOutcome | undefined {
		return this.#outcome;
	}

	async restore(file: File): Promise<RestoreOutcome> {
		if (file.size > MAX_IMPORT_BYTES)
			return (this.#outcome = { done: 'refused', refusal: 'too_large' });
		this.#busy = true;
		try {
			const text = await file.text();
			const read = await readBackup(text);
			if (!read.ok) return (this.#outcome = { done: 'refused', refusal: read.refusal });
			const { id, name, kind } = read.file.workspace;
			const known = deviceService.find(id);
			if (known) {
				const session = await openSession(known, () => deviceService.actorIn(id));
				const r = await importIntoRuntime(session.runtime, deviceService.db, text);
				if (!r.ok) return (this.#outcome = { done: 'refused', refusal: r.refusal });
				if (r.photosAdded > 0) session.photos.kick();
				return (this.#outcome = {
					done: 'restored',
					workspaceId: id,
					name: known.name,
					merged: true
				});
			}
			await storeAsNew(deviceService.db, read.file);
			await deviceService.addJoined({ id, name, kind, role: read.file.exportedBy.role });
			return (this.#outcome = { done: 'restored', workspaceId: id, name, merged: false });
		} catch (e) {
			return (this.#outcome = {
				done: 'failed',
				message: e instanceof Error ? e.message : String(e)
			});
		} finally {
			this.#busy = false;
		}
	}
}
