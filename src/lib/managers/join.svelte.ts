// Joining by an invitation link (`…/join#workspace=W&token=T`): reads the fragment, asks the
// relay what the token allows, records the workspace on this device.
import { parseJoinFragment, RelayApiError } from '$lib/sync/api';
import { deviceService } from '$lib/services/device.svelte';
import { joinWithInvite } from '$lib/services/sharing';

export type JoinPhase = 'idle' | 'working' | 'bad' | 'refused' | 'offline' | 'failed';

export class JoinManager {
	#phase = $state<JoinPhase>('idle');
	#detail = $state('');

	get phase(): JoinPhase {
		return this.#phase;
	}
	/** Why it failed, when the relay gave no clearer answer. */
	get detail(): string {
		return this.#detail;
	}

	/** Reads the invitation from a link's fragment (undefined: none, or not an invitation). */
	read(hash: string): { workspaceId: string; token: string } | undefined {
		if (!hash) return undefined;
		const invite = parseJoinFragment(hash);
		if (!invite) this.#phase = 'bad';
		return invite ?? undefined;
	}

	/** Joins on the relay at `httpBase`; the workspace id once joined, else undefined. */
	async join(
		httpBase: string,
		invite: { workspaceId: string; token: string },
		placeholderName: string
	): Promise<string | undefined> {
		this.#phase = 'working';
		try {
			if (!deviceService.loaded) await deviceService.load();
			await joinWithInvite(httpBase, invite.workspaceId, invite.token, placeholderName);
			return invite.workspaceId;
		} catch (e) {
			if (e instanceof RelayApiError && (e.status === 401 || e.status === 403))
				this.#phase = 'refused';
			else if (!navigator.onLine) this.#phase = 'offline';
			else {
				this.#phase = 'failed';
				this.#detail = e instanceof Error ? e.message : String(e);
			}
			return undefined;
		}
	}
}
