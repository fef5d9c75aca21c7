// A device token for each bench device, the way a phone gets one: the owner mints an editor
// invitation (POST …/invites), the device redeems it (POST …/devices) for its own token. An
// invitation itself opens no socket (issue 9; the relay refuses it with `invitation_token`).
import { request } from 'node:http';
import type { RunningRelay } from '../relay/servers';

/** POST `path` with a JSON body and a bearer token over a new TCP connection (no keep-alive:
 * the relay's event loop can be busy for seconds while it stores a 13 MB room, and a
 * kept-alive socket may be closed under the request). Resolves with the 201 answer's JSON. */
function post(
	relay: RunningRelay,
	path: string,
	bearer: string,
	payload: unknown
): Promise<Record<string, unknown>> {
	const body = JSON.stringify(payload);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port: relay.port,
				method: 'POST',
				path,
				agent: false,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					authorization: `Bearer ${bearer}`
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => {
					if (res.statusCode === 201) resolve(JSON.parse(text) as Record<string, unknown>);
					else reject(new Error(`POST ${path}: HTTP ${res.statusCode} ${text}`));
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

let devices = 0;

/** A fresh editor device token: each device's answers are budgeted by its own token. */
export async function deviceToken(
	relay: RunningRelay,
	workspaceId: string,
	owner: string
): Promise<string> {
	const base = `/api/workspaces/${encodeURIComponent(workspaceId)}`;
	const invitation = await post(relay, `${base}/invites`, owner, { role: 'editor' });
	if (typeof invitation.token !== 'string') throw new Error('invite: no token in the answer');
	const device = await post(relay, `${base}/devices`, invitation.token, {
		name: `bench device ${++devices}`
	});
	if (typeof device.token !== 'string') throw new Error('devices: no token in the answer');
	return device.token;
}
