// Connecting a device-made workspace to a relay, inviting people, and joining by link.
import { RelayApi, relaySocketUrl, type TokenInfo } from '$lib/sync/api';
import { deviceService } from './device.svelte';
import type { WorkspaceSession } from './workspace.svelte';

/** Registers the workspace on the relay at `httpBase`, then connects every open document. */
export async function startSharing(session: WorkspaceSession, httpBase: string): Promise<void> {
	const owner = await new RelayApi(httpBase).register(session.info.id);
	const relayUrl = relaySocketUrl(httpBase);
	await deviceService.updateWorkspace(session.info.id, { relayUrl, token: owner.token });
	session.connect(relayUrl, owner.token);
}

/** Joins with an invite from a link opened on this relay's origin. */
export async function joinWithInvite(
	httpBase: string,
	workspaceId: string,
	token: string,
	placeholderName: string
): Promise<TokenInfo> {
	const info = await new RelayApi(httpBase).session(workspaceId, token);
	const relayUrl = relaySocketUrl(httpBase);
	const existing = deviceService.find(workspaceId);
	if (existing)
		await deviceService.updateWorkspace(workspaceId, { role: info.role, relayUrl, token });
	else
		await deviceService.addJoined({
			id: workspaceId,
			name: placeholderName,
			kind: 'village',
			role: info.role,
			relayUrl,
			token
		});
	return info;
}
