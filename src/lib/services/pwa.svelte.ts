// Owns the service worker registration. A new version waits until the user says "reload",
// so nobody loses a half-typed form to a silent swap.
import { registerSW } from 'virtual:pwa-register';

class PwaService {
	#needRefresh = $state(false);
	#offlineReady = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | undefined;

	get needRefresh(): boolean {
		return this.#needRefresh;
	}

	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	start(): void {
		if (this.#update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.#needRefresh = true),
			onOfflineReady: () => (this.#offlineReady = true)
		});
	}

	async reload(): Promise<void> {
		await this.#update?.(true);
	}

	dismiss(): void {
		this.#needRefresh = false;
	}
}

export const pwa = new PwaService();
