// Opening a workspace for its screens. A county's documents keep the main thread busy for
// a while, so on the list route the household list is painted from the device's index
// first (list-index.ts), and the documents are opened after that frame.
import type { JoinedWorkspace } from '$lib/local/db';
import { deviceService } from '$lib/services/device.svelte';
import { readHouseholdIndex, type ListRow } from '$lib/services/list-index';
import { afterPaint } from '$lib/services/paint';
import { exchangeInvitation } from '$lib/services/sharing';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export class WorkspaceOpening {
	#session = $state.raw<WorkspaceSession | undefined>();
	#failed = $state('');
	#preview = $state.raw<ListRow[] | undefined>();

	/** The open workspace, once its documents are loaded. */
	get session(): WorkspaceSession | undefined {
		return this.#session;
	}
	/** Why opening failed ('' when it did not). */
	get failed(): string {
		return this.#failed;
	}
	/** The household list from the device's index, while the documents load. */
	get preview(): ListRow[] | undefined {
		return this.#preview;
	}

	/**
	 * Opens `info` (kept open across screens by `openSession`). With `paintIndexFirst` and no
	 * workspace open yet, the list index is shown and painted before the documents open.
	 */
	async open(info: JoinedWorkspace, paintIndexFirst: boolean): Promise<void> {
		this.#failed = '';
		if (paintIndexFirst && !this.#session) {
			const rows = await readHouseholdIndex(deviceService.db, info.id).catch(() => undefined);
			if (rows?.length && !this.#session) {
				this.#preview = rows;
				await afterPaint();
			}
		}
		try {
			// A device still holding an invitation from before devices existed trades it in.
			info = await exchangeInvitation(info);
			const opened = info;
			// The documents' code (Yjs, providers, the doc layer) loads now, not before the list.
			const { openSession } = await import('$lib/services/workspace.svelte');
			this.#session = await openSession(opened, () => deviceService.actorIn(opened.id));
			this.#preview = undefined;
			void deviceService.touch(info.id);
		} catch (e) {
			this.#failed = String(e);
		}
	}
}
