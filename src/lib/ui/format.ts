// Small display helpers shared by the screens.

/** ID numbers are masked in lists (PIPL): first 4 and last 4 characters stay. */
export function maskId(id: string | undefined): string {
	if (!id) return '';
	return id.length <= 8 ? '****' : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Empty input means "unset"; anything else must be a finite, non-negative-checked number. */
export function parseAmount(text: string): number | undefined {
	const t = text.trim().replace(/,/g, '');
	if (!t) return undefined;
	return Number(t);
}

/** A string field of a raw (unvalidated) record, or ''. */
export function rawText(raw: Record<string, unknown>, key: string): string {
	const v = raw[key];
	return typeof v === 'string' ? v : '';
}

/**
 * Chinese collation (pinyin order) for lists. One collator for the app: `localeCompare` with a
 * locale builds a new one per call, which costs ~100 ms for a 2,000-household sort on a phone.
 */
export const zhCollator = new Intl.Collator('zh-CN');
