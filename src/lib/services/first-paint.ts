// The list screens' first paint from the device's last look at them (decision 0009). When a
// list has painted from the documents, its screen — markup and the styles it uses — is kept in
// localStorage under its path; on the next open of that path, the inline script in app.html
// paints it before any of the app's code has loaded, and the app removes it once its own list
// is on screen (or after 5 s, or when the app shows something else). Nothing here reaches the
// documents: it reads the DOM the app has already rendered.

/** Keys are this prefix + `location.pathname`; app.html reads the same key and `v`. */
export const PAINT_PREFIX = 'bangfu:paint:';
const VERSION = 1;
/** A screen larger than this is not kept (60 rows with the styles are ~120 KB). */
const MAX_CHARS = 600_000;
/** After the rows change, wait for the list to settle before keeping it. */
const SETTLE_MS = 1_500;

/** What app.html's script reads: keep the two in step. */
export type KeptPaint = {
	v: typeof VERSION;
	/** The locale it was painted in (Paraglide's stored choice, or zh-CN). */
	lang: string;
	/** Every stylesheet rule of the page, for the shadow root it is painted into. */
	css: string;
	/** `@property` rules, which apply only at document level. */
	props: string;
	/** The body's own look (the shadow root does not inherit body rules). */
	style: string;
	html: string;
	at: number;
};

/** Removed before keeping: what is true only now (sync state, a merge notice, prompts). */
const TRANSIENT = '[data-paint-skip], script, dialog, [role="alert"]';

/** The stylesheet text of the page (our own, same origin), with `@property` rules apart. */
function styles(): { css: string; props: string } {
	const css: string[] = [];
	const props: string[] = [];
	for (const sheet of Array.from(document.styleSheets)) {
		let rules: CSSRuleList;
		try {
			rules = sheet.cssRules;
		} catch {
			continue; // another origin's sheet: none in this app
		}
		for (const rule of Array.from(rules)) {
			if (typeof CSSPropertyRule !== 'undefined' && rule instanceof CSSPropertyRule)
				props.push(rule.cssText);
			else css.push(rule.cssText);
		}
	}
	return { css: css.join('\n'), props: props.join('\n') };
}

function bodyStyle(): string {
	const s = getComputedStyle(document.body);
	return [
		`font-family:${s.fontFamily}`,
		`font-size:${s.fontSize}`,
		`line-height:${s.lineHeight}`,
		`color:${s.color}`,
		`background:${s.backgroundColor}`,
		'min-height:100%'
	].join(';');
}

/** Keeps the screen now shown at `path`, if the page is still on it. */
function keep(path: string): void {
	if (location.pathname !== path) return;
	const root = document.body.firstElementChild;
	if (!root) return;
	const copy = root.cloneNode(true) as Element;
	for (const el of Array.from(copy.querySelectorAll(TRANSIENT))) el.remove();
	const { css, props } = styles();
	const kept: KeptPaint = {
		v: VERSION,
		lang: document.documentElement.lang || 'zh-CN',
		css,
		props,
		style: bodyStyle(),
		html: copy.innerHTML,
		at: Date.now()
	};
	const text = JSON.stringify(kept);
	try {
		if (text.length > MAX_CHARS) localStorage.removeItem(PAINT_PREFIX + path);
		else localStorage.setItem(PAINT_PREFIX + path, text);
	} catch {
		// Storage full or refused: the next open paints the usual way.
	}
}

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Keeps the list screen now on display for the next open of its path, once it has settled
 * and the page is idle. Call it whenever the list's rows change.
 */
export function rememberPaint(): void {
	if (typeof window === 'undefined') return;
	const path = location.pathname;
	clearTimeout(pending);
	pending = setTimeout(() => {
		const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 0));
		idle(() => keep(path));
	}, SETTLE_MS);
}

/** The overlay app.html's script painted, if it is still up. */
type Painted = { drop(): void };

/** Removes the kept paint from the screen: the app's own screen is there now. */
export function dropPaint(): void {
	if (typeof window === 'undefined') return;
	(window as unknown as { __bangfuPaint?: Painted }).__bangfuPaint?.drop();
}

/** Forgets every kept screen of a workspace (its local copy is being removed). */
export function forgetPaints(workspaceId: string): void {
	if (typeof localStorage === 'undefined') return;
	const marker = `/w/${workspaceId}/`;
	const keys: string[] = [];
	for (let i = 0; i < localStorage.length; i++) {
		const k = localStorage.key(i);
		if (k?.startsWith(PAINT_PREFIX) && (k + '/').includes(marker)) keys.push(k);
	}
	for (const k of keys) localStorage.removeItem(k);
}
