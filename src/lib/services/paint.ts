// Waiting for the screen: after the next painted frame, or just for the page to breathe.

/** Resolves after the next frame has been painted (in node: on the next task). */
export function afterPaint(): Promise<void> {
	return new Promise<void>((resolve) => {
		if (typeof requestAnimationFrame === 'function')
			requestAnimationFrame(() => setTimeout(resolve, 0));
		else setTimeout(resolve, 0);
	});
}

/** Resolves on the next task, so input and rendering get a turn between slices of work. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
