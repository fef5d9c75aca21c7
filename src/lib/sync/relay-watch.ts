// Sees every sync message from the relay before y-websocket does, so the connection can tell
// which of this device's changes the relay has made durable (confirmations.ts).
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type { RelayConfirmations } from './confirmations.ts';
import { MessageType, SyncMessageType } from './protocol.ts';

/** Feeds the relay's sync messages (not BroadcastChannel ones) to `confirm`; `seen` after each. */
export function watchRelaySync(
	provider: WebsocketProvider,
	confirm: RelayConfirmations,
	seen: () => void
): void {
	const original = provider.messageHandlers[MessageType.sync];
	if (!original) throw new Error('y-websocket without a sync handler');
	provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, type) => {
		// emitSynced is true only for WebSocket messages; BroadcastChannel ones are not the relay.
		if (emitSynced) {
			try {
				const peek = decoding.clone(decoder);
				const kind = decoding.readVarUint(peek);
				const payload = decoding.readVarUint8Array(peek);
				if (kind === SyncMessageType.step1) confirm.relayStateVector(payload);
				else confirm.relayUpdate(payload);
				seen();
			} catch {
				// y-websocket's own handler reports malformed input; our count just stays put.
			}
		}
		original(encoder, decoder, p, emitSynced, type);
	};
}
