// A timer per connection for its token's expiry: the socket is closed at that second, not at
// the next sweep. Expiries further away than setTimeout can wait (~24.8 days) re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `expired` once `expSeconds` (seconds since the epoch) has passed; returns the cancel. */
export function atExpiry(expSeconds: number, expired: () => void): () => void {
	let timer: NodeJS.Timeout | null = null;
	const arm = () => {
		const ms = expSeconds * 1000 - Date.now();
		if (ms <= 0) return expired();
		timer = setTimeout(arm, Math.min(ms, MAX_TIMER_MS));
		timer.unref();
	};
	arm();
	return () => {
		if (timer) clearTimeout(timer);
	};
}
