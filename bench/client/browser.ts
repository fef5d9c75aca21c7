// Debian's Chromium through Playwright, with the flags that keep it off the network
// (TOOLCHAIN.md), and the DevTools-protocol calls the client suite needs.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

export const CPU_SLOWDOWN = 4;

/**
 * Which Chromium the client rows run. Debian's `chromium` in headless mode is the whole
 * browser with its window chrome: for every new page it starts a second renderer for the
 * toolbar's WebUI (`--top-chrome-webui`: chrome://omnibox-popup.top-chrome, lit, mojo,
 * composebox), ~1.4 s of main thread at the same time as the measured open on this 2-core
 * machine (trace of 2026-12-02, docs/benchmarks.md "The repeat open's first paint"). No
 * feature flag turns it off in 156. `chromium-headless-shell` (same Blink and V8, the same
 * Debian version; what Playwright itself runs headless) has no window chrome, so the figure
 * is our page alone. BENCH_CHROMIUM=/usr/bin/chromium measures the old way.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export function benchChromium(): string {
	const chosen = process.env['BENCH_CHROMIUM'];
	if (chosen) return chosen;
	return existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';
}

export async function launch(): Promise<Browser> {
	const executablePath = benchChromium();
	if (executablePath !== HEADLESS_SHELL)
		console.error(
			`bench: ${executablePath}, not ${HEADLESS_SHELL}: the toolbar's WebUI renderer competes with every open`
		);
	return chromium.launch({
		executablePath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** A fresh CDP session on the page with the CPU slowed down; call again after a navigation. */
export async function throttled(page: Page, rate = CPU_SLOWDOWN): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return cdp;
}

/** Live JS heap after a full GC, in MB: what stays, not what awaits collection. */
export async function heapMb(cdp: CDPSession): Promise<number> {
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return usedSize / 2 ** 20;
}
