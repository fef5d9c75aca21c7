// Reconnect delays with "full jitter" (AWS architecture blog): a random delay between 0 and
// an exponentially growing cap. After a relay restart every device comes back at a
// different moment instead of all at once (y-websocket's own backoff has no jitter).

export type BackoffOptions = {
	/** First cap; a brief network drop is retried within a quarter second. */
	baseMs?: number;
	/** Largest cap: a phone keeps trying at least every 30 s while offline. */
	maxMs?: number;
	random?: () => number;
};

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
	const base = opts.baseMs ?? 250;
	const max = opts.maxMs ?? 30_000;
	const cap = Math.min(max, base * 2 ** Math.min(attempt, 30));
	return Math.floor((opts.random ?? Math.random)() * cap);
}
