// The share screen: connecting this workspace to a relay, inviting editors and viewers, and
// the tokens the owner has handed out. Every relay call is here, none in the route.
import { RelayApi, relayHttpBase } from '$lib/sync/api';
import { startSharing } from '$lib/services/sharing';
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type InviteRole = 'editor' | 'viewer';

export interface Invite {
	url: string;
	svg: string;
	role: InviteRole;
}

export interface TokenRow {
	jti: string;
	role: string;
	label?: string | null;
	revokedAt?: number | null;
}

export class SharingManager {
	readonly #session: WorkspaceSession;
	#shared = $state(false);
	#busy = $state(false);
	#failure = $state<{ error: unknown } | undefined>();
	#invite = $state.raw<Invite | undefined>();
	#tokens = $state.raw<TokenRow[]>([]);

	constructor(session: WorkspaceSession) {
		this.#session = session;
		this.#shared = Boolean(session.relayUrl);
	}

	get owner(): boolean {
		return this.#session.info.role === 'owner';
	}
	get shared(): boolean {
		return this.#shared;
	}
	get busy(): boolean {
		return this.#busy;
	}
	/** What the last action failed with (undefined after a success). */
	get failure(): { error: unknown } | undefined {
		return this.#failure;
	}
	get invite(): Invite | undefined {
		return this.#invite;
	}
	get tokens(): TokenRow[] {
		return this.#tokens;
	}
	/** The relay's http(s) address, as people type it. */
	get relayAddress(): string {
		const url = this.#session.relayUrl;
		return url ? relayHttpBase(url) : '';
	}

	/** Registers the workspace on the relay at `httpBase` and connects it. */
	share(httpBase: string): Promise<void> {
		return this.#run(async () => {
			await startSharing(this.#session, httpBase);
			this.#shared = true;
			await this.loadTokens();
		});
	}

	makeInvite(role: InviteRole): Promise<void> {
		return this.#run(async () => {
			const { api, token } = this.#owned();
			const made = await api.invite(this.#session.info.id, token, role);
			const { toString } = await import('qrcode');
			const svg = await toString(made.joinUrl, {
				type: 'svg',
				margin: 1,
				errorCorrectionLevel: 'M'
			});
			this.#invite = { url: made.joinUrl, svg, role };
			await this.loadTokens();
		});
	}

	revoke(jti: string): Promise<void> {
		return this.#run(async () => {
			const { api, token } = this.#owned();
			await api.revoke(this.#session.info.id, token, jti);
			await this.loadTokens();
		});
	}

	/** The tokens handed out (owner only; nothing for others or before sharing). */
	async loadTokens(): Promise<void> {
		const url = this.#session.relayUrl;
		const token = this.#session.token;
		if (!url || !token || !this.owner) return;
		const api = new RelayApi(relayHttpBase(url));
		this.#tokens = (await api.tokens(this.#session.info.id, token)).tokens;
	}

	#owned(): { api: RelayApi; token: string } {
		const url = this.#session.relayUrl;
		const token = this.#session.token;
		if (!url || !token) throw new Error('not shared');
		return { api: new RelayApi(relayHttpBase(url)), token };
	}

	async #run(fn: () => Promise<void>): Promise<void> {
		this.#busy = true;
		this.#failure = undefined;
		try {
			await fn();
		} catch (error) {
			this.#failure = { error };
		} finally {
			this.#busy = false;
		}
	}
}
