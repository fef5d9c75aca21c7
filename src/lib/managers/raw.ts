// Reading the display fields of raw (unvalidated) rows: lists paint from these at once, and a
// record is validated only when it is opened.
import { pairingKinds, type PairingLike } from '$lib/domain';
import type { RecordRow } from '$lib/services/workspace.svelte';

export type Raw = Record<string, unknown>;

export const str = (raw: Raw, key: string): string =>
	typeof raw[key] === 'string' ? (raw[key] as string) : '';

const optStr = (raw: Raw, key: string): string | undefined =>
	typeof raw[key] === 'string' ? (raw[key] as string) : undefined;

const KINDS: readonly string[] = pairingKinds;

/** Pairings as the history helpers read them; rows of an unknown kind are left out. */
export function pairingRows(rows: readonly RecordRow[]): PairingLike[] {
	const out: PairingLike[] = [];
	for (const r of rows) {
		const kind = str(r.raw, 'kind');
		if (r.deleted || !KINDS.includes(kind)) continue;
		out.push({
			id: r.id,
			kind: kind as PairingLike['kind'], // checked against pairingKinds above
			supporterId: str(r.raw, 'supporterId'),
			supportedId: str(r.raw, 'supportedId'),
			startDate: optStr(r.raw, 'startDate'),
			endDate: optStr(r.raw, 'endDate'),
			...(typeof r.raw['visitEveryMonths'] === 'number'
				? { visitEveryMonths: r.raw['visitEveryMonths'] }
				: {})
		});
	}
	return out;
}
