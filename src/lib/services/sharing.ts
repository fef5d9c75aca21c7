// Connecting a device-made workspace to a relay, joining by an invitation (redeemed for
// this device's own token), and exchanging an invitation kept from before devices existed.
import type { JoinedWorkspace } from '$lib/local/db';
import {
	needsExchange,
	RelayApi,
	relayHttpBase,
	relaySocketUrl,
	type TokenInfo
} from '$lib/sync/api';
import { deviceService } from './device.svelte';
import type { WorkspaceSession } from './workspace.svelte';

/** Registers the workspace on the relay at `httpBase`, then connects every open document. */
export async function startSharing(session: WorkspaceSession, httpBase: string): Promise<void> {
	const owner = await new RelayApi(httpBase).register(session.info.id);
	const relayUrl = relaySocketUrl(httpBase);
	await deviceService.updateWorkspace(session.info.id, { relayUrl, token: owner.token });
	session.connect(relayUrl, owner.token);
}

export function relayApiOf(session: WorkspaceSession): RelayApi | undefined {
	const url = session.relayUrl;
	return url ? new RelayApi(relayHttpBase(url)) : undefined;
}

/** What the invitation is (its role), before the user names the device and joins. */
export function inspectInvite(httpBase: string, workspaceId: string, token: string) {
	return new RelayApi(httpBase).session(workspaceId, token);
}

/**
 * Joins with an invitation from a link opened on this relay's origin: the invitation is
 * redeemed for this device's own token, named `deviceName`; only that token is kept.
 */
export async function joinWithInvite(
	httpBase: string,
	workspaceId: string,
	invitation: string,
	deviceName: string,
	placeholderName: string
): Promise<TokenInfo> {
	const api = new RelayApi(httpBase);
	if (!deviceService.loaded) await deviceService.load();
	const device = await api.redeem(
		workspaceId,
		invitation,
		deviceName,
		deviceService.device?.deviceId
	);
	const relayUrl = relaySocketUrl(httpBase);
	const token = device.token;
	const existing = deviceService.find(workspaceId);
	if (existing)
		await deviceService.updateWorkspace(workspaceId, { role: device.role, relayUrl, token });
	else
		await deviceService.addJoined({
			id: workspaceId,
			name: placeholderName,
			kind: 'village',
			role: device.role,
			relayUrl,
			token
		});
	return device;
}

/** A name for a device whose user was never asked (an exchange on a later open). */
function fallbackName(): string {
	const d = deviceService.device;
	return d?.displayName || d?.deviceId || 'device';
}

/**
 * A device that joined before invitations admitted devices holds the invitation itself:
 * exchange it for a device token of its own, with no action from its user. Offline, or on
 * any failure, the workspace opens as it was (the relay still accepts such old tokens) and
 * the exchange is tried on the next open. Returns the workspace as it should be opened.
 */
export async function exchangeInvitation(info: JoinedWorkspace): Promise<JoinedWorkspace> {
	if (!info.relayUrl || !info.token || !needsExchange(info.token, info.role)) return info;
	const api = new RelayApi(relayHttpBase(info.relayUrl), (input, init) =>
		fetch(input, { ...init, signal: AbortSignal.timeout(5000) })
	);
	try {
		const device = await api.redeem(
			info.id,
			info.token,
			fallbackName(),
			deviceService.device?.deviceId
		);
		await deviceService.updateWorkspace(info.id, { token: device.token, role: device.role });
		return { ...info, token: device.token, role: device.role };
	} catch {
		// Offline, or an operator-minted token that is no invitation: it stays as it is.
		return info;
	}
}
