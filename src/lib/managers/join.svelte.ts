// Joining by an invitation link (`…/join#workspace=W&token=T`): reads the fragment, asks the
// relay what the invitation allows, then, once the person has named this device, redeems it
// for the device's own token and records the workspace on this device.
import { parseJoinFragment, RelayApiError } from '$lib/sync/api';
import type { Role } from '$lib/sync/protocol';
import { deviceService } from '$lib/services/device.svelte';
import { inspectInvite, joinWithInvite } from '$lib/services/sharing';

export type JoinPhase =
	'idle' | 'checking' | 'naming' | 'working' | 'bad' | 'refused' | 'used_up' | 'offline' | 'failed';

type Invite = { workspaceId: string; token: string };

export class JoinManager {
	#phase = $state<JoinPhase>('idle');
	#detail = $state('');
	#role = $state<Role | undefined>();
	#suggestedName = $state('');
	#invite: Invite | undefined;

	get phase(): JoinPhase {
		return this.#phase;
	}
	/** Why it failed, when the relay gave no clearer answer. */
	get detail(): string {
		return this.#detail;
	}
	/** The role the invitation gives, once checked. */
	get role(): Role | undefined {
		return this.#role;
	}
	/** The device's user name from settings, to prefill the device's name. */
	get suggestedName(): string {
		return this.#suggestedName;
	}

	/** Reads the invitation from a link's fragment (undefined: none, or not an invitation). */
	read(hash: string): Invite | undefined {
		if (!hash) return undefined;
		const invite = parseJoinFragment(hash);
		if (!invite) this.#phase = 'bad';
		return invite ?? undefined;
	}

	/** Checks the invitation on the relay at `httpBase`, then waits for the device's name. */
	async check(httpBase: string, invite: Invite): Promise<void> {
		this.#phase = 'checking';
		this.#invite = invite;
		try {
			if (!deviceService.loaded) await deviceService.load();
			this.#suggestedName = deviceService.device?.displayName ?? '';
			this.#role = (await inspectInvite(httpBase, invite.workspaceId, invite.token)).role;
			this.#phase = 'naming';
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Joins as `deviceName`; the workspace id once joined, else undefined. */
	async join(httpBase: string, deviceName: string, placeholderName: string) {
		const invite = this.#invite;
		if (!invite || !deviceName.trim()) return undefined;
		this.#phase = 'working';
		try {
			await joinWithInvite(
				httpBase,
				invite.workspaceId,
				invite.token,
				deviceName.trim(),
				placeholderName
			);
			return invite.workspaceId;
		} catch (e) {
			this.#fail(e);
			return undefined;
		}
	}

	#fail(e: unknown): void {
		if (e instanceof RelayApiError && e.code === 'invitation_used_up') this.#phase = 'used_up';
		else if (e instanceof RelayApiError && (e.status === 401 || e.status === 403))
			this.#phase = 'refused';
		else if (!navigator.onLine) this.#phase = 'offline';
		else {
			this.#phase = 'failed';
			this.#detail = e instanceof Error ? e.message : String(e);
		}
	}
}
