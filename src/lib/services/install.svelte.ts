// What this browser offers for putting the app on the home screen: Chromium's own prompt
// (kept from `beforeinstallprompt` until the user asks for it) or, on iOS Safari, nothing
// but the Share menu, whose steps the UI then shows. Nothing when already installed.
import { isIosSafari } from '$lib/ui/platform';

/** Chromium's event; not in TypeScript's DOM library. */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class InstallService {
	#deferred = $state.raw<BeforeInstallPromptEvent | undefined>();
	#installed = $state(false);
	#iosSafari = $state(false);
	#started = false;

	/** The browser has offered to install: show our button. */
	get canPrompt(): boolean {
		return !this.#installed && this.#deferred !== undefined;
	}

	/** iOS Safari, not yet on the home screen: show the Share → 添加到主屏幕 steps. */
	get showIosSteps(): boolean {
		return !this.#installed && this.#iosSafari;
	}

	/** Call once, as early as possible: the browser may fire its event before any screen mounts. */
	start(): void {
		if (this.#started || typeof window === 'undefined') return;
		this.#started = true;
		// The display mode is read once the page is idle: `matchMedia` forces a style and layout
		// pass, which at start came in the middle of the first screen's render (178 ms at 4× in
		// the county's trace). Only the install button on `/` reads it, and only after the
		// device's list has loaded; the browser's events below are caught from the start.
		const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
		idle(
			() => {
				const standalone =
					window.matchMedia?.('(display-mode: standalone)').matches ||
					(navigator as Navigator & { standalone?: boolean }).standalone === true;
				if (standalone) this.#installed = true;
				this.#iosSafari = isIosSafari(navigator.userAgent, navigator.maxTouchPoints);
			},
			{ timeout: 2_000 }
		);
		window.addEventListener('beforeinstallprompt', (e) => {
			// Keep the browser's mini-infobar away; the button appears where it makes sense.
			e.preventDefault();
			this.#deferred = e as BeforeInstallPromptEvent;
		});
		window.addEventListener('appinstalled', () => {
			this.#installed = true;
			this.#deferred = undefined;
		});
	}

	async prompt(): Promise<void> {
		const e = this.#deferred;
		if (!e) return;
		// An event can prompt only once.
		this.#deferred = undefined;
		await e.prompt();
		if ((await e.userChoice).outcome === 'accepted') this.#installed = true;
	}
}

export const installService = new InstallService();
