// `?focus=income,members` on a record's URL: the screen's sections (or fields) with those ids
// are outlined and the first one is scrolled into view, so an alert opens on what it is about.
// One helper for every record screen, started by the workspace layout; a screen only needs
// ids on its sections. Records paint after their documents open, so it looks for a while.

/** How long to wait for the record's sections to appear. */
const LOOK_MS = 3_000;

export function focusFromQuery(url: URL): () => void {
	const ids = (url.searchParams.get('focus') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => /^[\w-]{1,40}$/.test(s));
	if (ids.length === 0 || typeof document === 'undefined') return () => {};
	const started = Date.now();
	let frame = 0;
	const marked: Element[] = [];
	const look = () => {
		const found = ids.flatMap((id) => {
			const el = document.getElementById(id);
			return el ? [el.closest('section') ?? el] : [];
		});
		if (found.length === 0) {
			if (Date.now() - started < LOOK_MS) frame = requestAnimationFrame(look);
			return;
		}
		for (const el of found) {
			el.setAttribute('data-focused', '');
			marked.push(el);
		}
		found[0]!.scrollIntoView({ block: 'start' });
	};
	frame = requestAnimationFrame(look);
	return () => {
		cancelAnimationFrame(frame);
		for (const el of marked) el.removeAttribute('data-focused');
	};
}
