// The checks the accessibility gate runs on every screen. Each returns a list of problems
// (empty = pass) so one failing screen reports everything wrong with it at once.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Moderate axe rules tolerated for now, each with the reason. Keep it short, ideally empty:
 * a new moderate violation anywhere else fails the gate.
 */
export const MODERATE_ALLOWED: Record<string, string> = {};

/** WCAG 2.1 A/AA plus axe's best practices, the set the issue was measured with. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export async function axeProblems(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(AXE_TAGS)
		// Off by default in axe (experimental), on here: a control's name must contain the text
		// it shows (WCAG 2.5.3), which icon buttons once got wrong.
		.options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
		.analyze();
	return violations
		.filter(
			(v) =>
				v.impact === 'critical' ||
				v.impact === 'serious' ||
				(v.impact === 'moderate' && !(v.id in MODERATE_ALLOWED))
		)
		.map(
			(v) =>
				`axe ${v.impact} ${v.id}: ${v.help}\n` +
				v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.failureSummary ?? ''}`).join('\n')
		);
}

/** WCAG 2.5.5 / DESIGN.md "large touch targets": 44 × 44 CSS px, on its own or via its label. */
const MIN_TARGET = 44;

export function targetProblems(page: Page): Promise<string[]> {
	return page.evaluate((min) => {
		const selector =
			'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
		const big = (r: DOMRect) => r.width >= min - 0.5 && r.height >= min - 0.5;
		const describe = (el: Element) =>
			`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
		const out: string[] = [];
		for (const el of document.querySelectorAll(selector)) {
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			const label = el.closest('label');
			const r = el.getBoundingClientRect();
			// Visually hidden inputs (sr-only) are operated through their label.
			if (r.width === 0 && r.height === 0 && !label) continue;
			if (big(r)) continue;
			if (label && big(label.getBoundingClientRect())) continue;
			out.push(`target ${describe(el)} is ${Math.round(r.width)} × ${Math.round(r.height)} px`);
		}
		return out;
	}, MIN_TARGET);
}

/**
 * Every field error is tied to its field: each visible error message (`.text-danger` inside a
 * form) is named by the `aria-describedby` of a field with `aria-invalid="true"`, and each
 * invalid field points at a visible message.
 */
export function errorProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
		const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
		const described = new Set(
			invalid.flatMap((el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/))
		);
		for (const el of invalid) {
			const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
			const text = ids.map((i) => document.getElementById(i)?.textContent?.trim() ?? '').join('');
			if (!text)
				out.push(`field ${el.getAttribute('name') ?? el.id} is invalid but describes no message`);
		}
		for (const msg of document.querySelectorAll('form .text-danger')) {
			if (!visible(msg) || !msg.textContent?.trim()) continue;
			if (!msg.id || !described.has(msg.id))
				out.push(`error "${msg.textContent.trim()}" is not tied to an invalid field`);
		}
		if (invalid.length === 0) out.push('no field is marked aria-invalid after the bad input');
		return out;
	});
}

/**
 * Tab through the screen: every stop shows a visible focus outline (our :focus-visible
 * style), nothing uses a positive tabindex, and focus moves down the page (left to right
 * within a row), never jumping back up. Fixed bars (top, bottom nav) are exempt from the order.
 */
export async function focusProblems(page: Page, maxStops = 80): Promise<string[]> {
	const out: string[] = [];
	if ((await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()) > 0)
		out.push('a positive tabindex changes the focus order');
	await page.evaluate(() => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
	});
	let last: { top: number; left: number; desc: string } | undefined;
	const seen = new Set<string>();
	let lastKey = '';
	for (let i = 0; i < maxStops; i++) {
		await page.keyboard.press('Tab');
		const stop = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body) return undefined;
			const s = getComputedStyle(el);
			const r = el.getBoundingClientRect();
			let fixed = false;
			for (let n: HTMLElement | null = el; n; n = n.parentElement) {
				const p = getComputedStyle(n).position;
				if (p === 'fixed' || p === 'sticky') fixed = true;
			}
			// A focused sr-only input shows its focus on the label around it.
			const shown = r.width > 1 ? el : (el.closest('label') ?? el);
			const ss = shown === el ? s : getComputedStyle(shown);
			const outline = ss.outlineStyle !== 'none' && parseFloat(ss.outlineWidth) >= 2;
			const key = `${el.tagName}|${el.getAttribute('name') ?? ''}|${el.id}|${el.textContent?.trim().slice(0, 20)}|${Math.round(r.top + scrollY)}|${Math.round(r.left)}`;
			return {
				key,
				desc: `<${el.tagName.toLowerCase()}> "${(el.getAttribute('aria-label') || el.closest('label')?.textContent || el.textContent || el.getAttribute('name') || '').trim().slice(0, 30)}"`,
				outline,
				focusVisible: el.matches(':focus-visible'),
				fixed,
				top: r.top + scrollY,
				left: r.left
			};
		});
		if (!stop) break;
		// Tab walks the parts of a date input (year, month, day) without leaving it.
		if (stop.key === lastKey) continue;
		if (seen.has(stop.key)) break; // wrapped around
		seen.add(stop.key);
		lastKey = stop.key;
		if (!stop.focusVisible || !stop.outline) out.push(`focus on ${stop.desc} is not visible`);
		if (!stop.fixed) {
			if (
				last &&
				(stop.top < last.top - 8 ||
					(Math.abs(stop.top - last.top) <= 8 && stop.left < last.left - 8))
			)
				out.push(`focus jumps back from ${last.desc} to ${stop.desc}`);
			last = stop;
		}
	}
	if (seen.size === 0) out.push('nothing on the screen can be reached with Tab');
	return out;
}

/**
 * Read-only looks read-only: a field a viewer cannot change (readonly or disabled) is not
 * drawn as a white box to type in, and keeps its text at full contrast (no faded opacity).
 */
export function readonlyProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const editable = document.createElement('input');
		editable.className = 'input';
		document.body.append(editable);
		const white = getComputedStyle(editable).backgroundColor;
		editable.remove();
		for (const el of document.querySelectorAll<HTMLElement>(
			'input[readonly], textarea[readonly], select:disabled, input:disabled, textarea:disabled'
		)) {
			if (el.offsetParent === null || el.classList.contains('sr-only')) continue;
			const s = getComputedStyle(el);
			const name =
				el.getAttribute('name') || el.id || el.closest('label')?.textContent?.trim() || el.tagName;
			if (s.backgroundColor === white && s.borderStyle !== 'dashed')
				out.push(`read-only field ${name} looks editable`);
			if (parseFloat(s.opacity) < 1)
				out.push(`read-only field ${name} is faded (opacity ${s.opacity})`);
		}
		return out;
	});
}
