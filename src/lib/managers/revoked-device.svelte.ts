// A device whose access was revoked (the relay closed it with 4401 / its session says
// revoked): shows what had not reached the relay, lets the person export it (the workspace
// file), then removes this workspace's local copy once they confirm.
import { deviceService } from '$lib/services/device.svelte';
import { notReachedRelay, removeLocalCopy, type NotReached } from '$lib/services/device-copy';
import { closeSession, type WorkspaceSession } from '$lib/services/workspace.svelte';
import { WorkspaceBackupManager } from './workspace-backup.svelte';

export type { NotReached, NotReachedRecord } from '$lib/services/device-copy';

export class RevokedDeviceManager {
	readonly #session: WorkspaceSession;
	readonly backup: WorkspaceBackupManager;
	#notReached = $state.raw<NotReached | undefined>();
	#removing = $state(false);
	#failed = $state<string | undefined>();

	constructor(session: WorkspaceSession) {
		this.#session = session;
		this.backup = new WorkspaceBackupManager(session);
	}

	get revoked(): boolean {
		const s = this.#session.status;
		return s.state === 'unauthorised' && s.reason === 'revoked';
	}
	get notReached(): NotReached | undefined {
		return this.#notReached;
	}
	/** Whether this device's file was saved since the screen opened. */
	get exported(): boolean {
		return this.backup.outcome?.done === 'exported';
	}
	get removing(): boolean {
		return this.#removing;
	}
	get failed(): string | undefined {
		return this.#failed;
	}

	/** Looks at every document this device holds; call once the device is told it is revoked. */
	async load(): Promise<void> {
		this.#notReached = await notReachedRelay(this.#session.runtime, deviceService.db);
	}

	/** Removes the workspace from this device (after the person confirmed); true when gone. */
	async remove(): Promise<boolean> {
		this.#removing = true;
		this.#failed = undefined;
		const id = this.#session.info.id;
		const names = this.#session.runtime.docs.stores().map((s) => s.name);
		try {
			await closeSession(id);
			await removeLocalCopy(deviceService.db, id, names);
			return true;
		} catch (e) {
			this.#failed = e instanceof Error ? e.message : String(e);
			return false;
		} finally {
			await deviceService.reload();
			this.#removing = false;
		}
	}
}
