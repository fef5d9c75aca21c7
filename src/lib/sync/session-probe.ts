// After a WebSocket that never opened, asks the relay's HTTP side about our token. Browsers
// hide the status of a refused upgrade (401/403/429 all look like a failed socket), so the
// connection learns it here (DESIGN.md "The wire": GET /api/workspaces/:id/session, which
// this uses as it is):
//   - refused (401/403): the token is revoked, expired or not for this workspace;
//   - reachable (200, or the relay's own 429/503 answer): the relay is there and takes our
//     token, yet did not take the socket: after this repeats, it is refusing the upgrade at a
//     limit (429: connections per device or per address, the workspace's room quota; 503 while
//     it shuts down), which is not "offline";
//   - unreachable: no answer, or one that is not the relay's (a captive portal's page).
import { RelayApi, RelayApiError, refusalOf } from './api.ts';
import type { UnauthorisedReason } from './connection-types.ts';
import { parseRoomName } from './protocol.ts';

export type ProbeAnswer = UnauthorisedReason | 'reachable' | 'unreachable';

const limitStatus = (e: unknown) =>
	e instanceof RelayApiError && (e.status === 429 || e.status === 503) && e.code !== 'unknown';

/** Upgrades refused in a row, with the token fine, before the status says "limited". */
export const REFUSED_UPGRADES_FOR_LIMITED = 2;

export async function probeSession(opts: {
	apiUrl: string;
	room: string;
	token: string;
	fetch?: typeof fetch;
}): Promise<ProbeAnswer> {
	const workspaceId = parseRoomName(opts.room)?.workspaceId ?? '';
	const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
	const api = new RelayApi(opts.apiUrl, doFetch);
	return api.session(workspaceId, opts.token).then(
		(): ProbeAnswer => 'reachable',
		(e: unknown): ProbeAnswer => refusalOf(e) ?? (limitStatus(e) ? 'reachable' : 'unreachable')
	);
}

/** Counts upgrades refused in a row while the relay answers; reset when a socket opens. */
export class RefusedUpgrades {
	count = 0;
}

/**
 * What a socket that never opened means: `offline`, `limited` (the relay answered and took
 * our token REFUSED_UPGRADES_FOR_LIMITED times in a row), or why the token is refused.
 */
export async function judgeNeverOpened(
	opts: { apiUrl: string; room: string; token: string; fetch?: typeof fetch },
	refused: RefusedUpgrades
): Promise<'offline' | 'limited' | UnauthorisedReason> {
	const answer = await probeSession(opts);
	if (answer === 'unreachable') {
		refused.count = 0;
		return 'offline';
	}
	if (answer !== 'reachable') return answer;
	return ++refused.count >= REFUSED_UPGRADES_FOR_LIMITED ? 'limited' : 'offline';
}
