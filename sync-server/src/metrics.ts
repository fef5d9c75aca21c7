// Prometheus metrics at GET /metrics. One registry per relay instance (tests run several).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type RejectReason =
	| 'malformed'
	| 'too_big'
	| 'rate_limited'
	| 'awareness_limit'
	| 'viewer_write'
	| 'slow_consumer'
	| 'store_error'
	| 'room_full'
	| 'workspace_full'
	| 'missing_dependencies'
	| 'awareness_spoof';

export function createMetrics() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'bangfu_relay_' });
	return {
		registry,
		rooms: new Gauge({
			name: 'bangfu_rooms',
			help: 'Rooms loaded in memory',
			registers: [registry]
		}),
		connections: new Gauge({
			name: 'bangfu_connections',
			help: 'Open WebSocket connections',
			registers: [registry]
		}),
		updates: new Counter({
			name: 'bangfu_updates_total',
			help: 'Document updates committed to the store and relayed',
			registers: [registry]
		}),
		bytesIn: new Counter({
			name: 'bangfu_received_bytes_total',
			help: 'Bytes of WebSocket messages received',
			registers: [registry]
		}),
		bytesOut: new Counter({
			name: 'bangfu_sent_bytes_total',
			help: 'Bytes of WebSocket messages sent',
			registers: [registry]
		}),
		rejected: new Counter({
			name: 'bangfu_rejected_messages_total',
			help: 'Messages refused, by reason',
			labelNames: ['reason'] as const,
			registers: [registry]
		}),
		upgradesRefused: new Counter({
			name: 'bangfu_upgrades_refused_total',
			help: 'WebSocket upgrades refused, by HTTP status',
			labelNames: ['status'] as const,
			registers: [registry]
		}),
		storeSeconds: new Histogram({
			name: 'bangfu_store_seconds',
			help: 'Store operation latency',
			labelNames: ['op'] as const,
			// Group commits fsync: sub-millisecond on SSDs, tens of ms on SD cards.
			buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
			registers: [registry]
		}),
		security: new Counter({
			name: 'bangfu_security_events_total',
			help: 'Security events (also logged as JSON lines), by kind',
			labelNames: ['kind'] as const,
			registers: [registry]
		}),
		backpressure: new Counter({
			name: 'bangfu_backpressure_pauses_total',
			help: 'Times a connection stopped being read because it was over its message rate',
			registers: [registry]
		}),
		roomBytes: new Histogram({
			name: 'bangfu_room_bytes',
			help: 'Stored bytes of a room when it is loaded',
			buckets: [1e4, 1e5, 1e6, 4e6, 16e6, 64e6, 256e6],
			registers: [registry]
		}),
		quarantined: new Gauge({
			name: 'bangfu_rooms_quarantined',
			help: 'Rooms that failed to load and are refused until repaired (npm run relay:room)',
			registers: [registry]
		}),
		compactions: new Counter({
			name: 'bangfu_compactions_total',
			help: 'Room logs folded into snapshots',
			registers: [registry]
		})
	};
}
export type Metrics = ReturnType<typeof createMetrics>;

export function reject(metrics: Metrics, reason: RejectReason): void {
	metrics.rejected.inc({ reason });
}
