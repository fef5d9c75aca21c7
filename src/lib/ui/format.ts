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
