// Opening a workspace for its screens. A county's documents keep the main thread busy for
// a while, so on a list route the list (households, or a school's students) is painted from
// the device's index first (list-index.ts), and the documents are opened after that frame.
import type { JoinedWorkspace } from '$lib/local/db';
import { deviceService } from '$lib/services/device.svelte';
import { readListIndex, type ListRow, type ListSubject } from '$lib/services/list-index';
import { afterPaint } from '$lib/services/paint';
import { exchangeInvitation } from '$lib/services/sharing';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export class WorkspaceOpening {
	#session = $state.raw<WorkspaceSession | undefined>();
	#failed = $state('');
	#preview = $state.raw<ListRow[] | undefined>();
	#previewOf = $state<ListSubject>('household');

	/** The open workspace, once its documents are loaded. */
	get session(): WorkspaceSession | undefined {
		return this.#session;
	}
	/** Why opening failed ('' when it did not). */
	get failed(): string {
		return this.#failed;
	}
	/** The list from the device's index, while the documents load. */
	get preview(): ListRow[] | undefined {
		return this.#preview;
	}
	/** Whose list `preview` is. */
	get previewOf(): ListSubject {
		return this.#previewOf;
	}

	/**
	 * Opens `info` (kept open across screens by `openSession`). With `paintIndexFirst` (true:
	 * the households; or the subject whose list it is) and no workspace open yet, that list's
	 * index is shown and painted before the documents open.
	 */
	async open(info: JoinedWorkspace, paintIndexFirst: boolean | ListSubject): Promise<void> {
		this.#failed = '';
		if (paintIndexFirst && !this.#session) {
			const subject = paintIndexFirst === true ? 'household' : paintIndexFirst;
			const rows = await readListIndex(deviceService.db, info.id, subject).catch(() => undefined);
			if (rows?.length && !this.#session) {
				this.#previewOf = subject;
				this.#preview = rows;
				// Two frames: the list's own after-paint work (its mark) comes first, then the
				// documents' code starts loading (its preload links alone were ~70 ms at 4×).
				await afterPaint();
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
