// Storage that lasts (DESIGN.md "Storage promises"): at the first save the app asks the
// browser to keep this site's data (navigator.storage.persist), remembers the answer, and the
// device settings show it with the space used (navigator.storage.estimate), saying plainly
// when the browser refused. Without the API (old browsers) the state is 'unsupported'.

export type PersistState = 'unknown' | 'granted' | 'refused' | 'unsupported';

const ASKED_KEY = 'bangfu:persist-asked';

export class StorageService {
	#state = $state<PersistState>('unknown');
	#usage = $state<{ usage: number; quota: number } | undefined>();
	#asking: Promise<void> | undefined;

	get state(): PersistState {
		return this.#state;
	}

	/** Bytes this site uses and may use, as the browser estimates them. */
	get usage(): { usage: number; quota: number } | undefined {
		return this.#usage;
	}

	/** Reads the browser's answer without asking (the settings screen). */
	async refresh(): Promise<void> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!s?.persist || !s.persisted) {
			this.#state = 'unsupported';
			return;
		}
		const persisted = await s.persisted();
		this.#state = persisted ? 'granted' : asked() ? 'refused' : 'unknown';
		const e = await s.estimate?.();
		if (e) this.#usage = { usage: e.usage ?? 0, quota: e.quota ?? 0 };
	}

	/** Asks the browser once per session, at the first save; a later save does nothing. */
	askOnce(): Promise<void> {
		this.#asking ??= this.ask();
		return this.#asking;
	}

	/** Asks now (also from the settings screen's button). */
	async ask(): Promise<void> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!s?.persist || !s.persisted) {
			this.#state = 'unsupported';
			return;
		}
		try {
			const granted = (await s.persisted()) || (await s.persist());
			localStorage.setItem(ASKED_KEY, '1');
			this.#state = granted ? 'granted' : 'refused';
		} catch {
			this.#state = 'refused';
		}
		await this.refresh();
	}
}

function asked(): boolean {
	try {
		return localStorage.getItem(ASKED_KEY) === '1';
	} catch {
		return false;
	}
}

export const storageService = new StorageService();
