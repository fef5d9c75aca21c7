// The photos of one visit as a screen shows them: each one's bytes from this device, or fetched
// from the relay's blob API and cached here (services/photos.ts `loadPhoto`), turned into an
// object URL for an <img>. A photo the relay does not have yet (the phone that took it is
// still offline) or that cannot be fetched now is retried with a growing delay, and at once
// when the network comes back, for as long as the screen is open.
import type { WorkspaceSession } from '$lib/services/workspace.svelte';

export type PhotoItem =
	| { sha256: string; state: 'loading' }
	/** `waiting`: taken on this device and not yet confirmed by the relay. */
	| { sha256: string; state: 'shown'; url: string; waiting: boolean }
	| { sha256: string; state: 'offline' | 'missing' | 'not_shared' };

/** First retry of a photo that could not be loaded; doubles to RETRY_MAX_MS. */
const RETRY_MS = 3_000;
const RETRY_MAX_MS = 60_000;

export class VisitPhotosManager {
	readonly #session: WorkspaceSession;
	readonly hashes: readonly string[];
	#items = $state.raw<PhotoItem[]>([]);

	constructor(session: WorkspaceSession, hashes: readonly string[]) {
		this.#session = session;
		this.hashes = hashes;
		this.#items = hashes.map((sha256) => ({ sha256, state: 'loading' }));
	}

	get items(): PhotoItem[] {
		return this.#items;
	}

	/** Loads every photo; call from an `$effect`. The returned stop frees the object URLs. */
	watch(): () => void {
		let stopped = false;
		const urls: string[] = [];
		// Plain bookkeeping, not screen state: the timers to clear, the photos to try again.
		const timers: ReturnType<typeof setTimeout>[] = [];
		let retries: Record<string, () => void> = {};
		const load = async (sha256: string, delay: number) => {
			const r = await this.#session.photos.load(sha256);
			if (stopped) return;
			if (r.ok) {
				const url = URL.createObjectURL(r.blob);
				urls.push(url);
				delete retries[sha256];
				this.#set({ sha256, state: 'shown', url, waiting: r.state === 'pending' });
				return;
			}
			this.#set({ sha256, state: r.reason });
			const again = () => void load(sha256, Math.min(RETRY_MAX_MS, delay * 2));
			retries[sha256] = again;
			timers.push(
				setTimeout(() => {
					if (retries[sha256] === again) again();
				}, delay)
			);
		};
		for (const h of this.hashes) void load(h, RETRY_MS);
		const online = () => {
			const due = Object.keys(retries);
			retries = {};
			for (const sha256 of due) void load(sha256, RETRY_MS);
		};
		window.addEventListener('online', online);
		return () => {
			stopped = true;
			window.removeEventListener('online', online);
			for (const t of timers) clearTimeout(t);
			for (const u of urls) URL.revokeObjectURL(u);
		};
	}

	#set(item: PhotoItem) {
		this.#items = this.#items.map((i) => (i.sha256 === item.sha256 ? item : i));
	}
}
