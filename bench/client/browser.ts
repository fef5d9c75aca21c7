// Debian's Chromium through Playwright, with the flags that keep it off the network
// (TOOLCHAIN.md), and the DevTools-protocol calls the client suite needs.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

export const CPU_SLOWDOWN = 4;

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
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
