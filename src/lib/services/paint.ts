// Waiting for the screen: after the next painted frame, or just for the page to breathe.

/** Resolves after the next frame has been painted (in node: on the next task). */
export function afterPaint(): Promise<void> {
	return new Promise<void>((resolve) => {
		if (typeof requestAnimationFrame === 'function')
			requestAnimationFrame(() => setTimeout(resolve, 0));
		else setTimeout(resolve, 0);
	});
}

/**
 * Resolves on a later task, so input, rendering and other tasks get a turn between slices
 * of work. A MessageChannel message where there is one: nested `setTimeout(0)` is clamped to
 * 4 ms, so hundreds of small slices would add seconds; `scheduler.yield()` would put the
 * slices ahead of every other task (timers, IndexedDB callbacks) until they are done.
 */
export function yieldToPage(): Promise<void> {
	if (typeof MessageChannel !== 'function' || typeof window === 'undefined')
		return new Promise<void>((resolve) => setTimeout(resolve, 0));
	return new Promise<void>((resolve) => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => {
			ch.port1.close();
			resolve();
		};
		ch.port2.postMessage(null);
	});
}

/** A slice of main-thread work stops after this long (a frame at 60 Hz is 16.7 ms). */
export const SLICE_MS = 8;
