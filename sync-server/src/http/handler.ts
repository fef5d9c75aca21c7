// The relay's HTTP entry point: connection limits, security headers, /metrics (optionally
// behind METRICS_TOKEN), /api and /healthz, then the app build. Every failure answers or
// drops one request; nothing here may throw into the process.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '#protocol';
import { security } from '../security.ts';
import { handleApi, type ApiDeps } from './api.ts';
import type { ConnectionGuard } from './guard.ts';
import { watchBody } from './guard.ts';
import { setSecurityHeaders } from './headers.ts';
import { sendError } from './respond.ts';

type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export type HandlerDeps = ApiDeps & {
	guard: ConnectionGuard;
	serveApp: StaticHandler | null;
};

function bearerMatches(header: string | undefined, expected: string): boolean {
	const got = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '');
	const want = Buffer.from(expected);
	return got.length === want.length && timingSafeEqual(got, want);
}

export function createRequestHandler(deps: HandlerDeps) {
	const { metrics, guard, config } = deps;
	return function onRequest(req: IncomingMessage, res: ServerResponse): void {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		const admitted = guard.admits(req.socket, path);
		if (admitted === 'refused') return void req.socket.destroy();
		setSecurityHeaders(res);
		// A reserve socket answers once and closes: it must not linger as a keep-alive.
		if (admitted !== 'yes') res.setHeader('connection', 'close');
		if (admitted === 'over_capacity') {
			return sendError(res, 503, ApiError.unavailable, 'the relay is at its connection limit');
		}
		try {
			decodeURIComponent(path);
		} catch {
			// `GET /%E0%A4%A`: a broken escape is answered, never a dropped connection.
			return sendError(res, 400, ApiError.badRequest, 'malformed URL');
		}
		watchBody(req, res, config.bodyTimeoutMs);
		if (path === '/metrics' && req.method === 'GET') {
			if (config.metricsToken && !bearerMatches(req.headers.authorization, config.metricsToken)) {
				security(metrics, 'metrics_refused', {});
				res.setHeader('www-authenticate', 'Bearer');
				return sendError(res, 401, ApiError.unauthorised, 'metrics need the METRICS_TOKEN');
			}
			metrics.registry.metrics().then(
				(text) => {
					res.writeHead(200, { 'content-type': metrics.registry.contentType });
					res.end(text);
				},
				() => sendError(res, 500, ApiError.internal, 'metrics failed')
			);
			return;
		}
		handleApi(req, res, deps)
			.then((handled) => {
				if (handled) return;
				if (deps.serveApp?.(req, res)) return;
				sendError(res, 404, ApiError.notFound, 'not found');
			})
			.catch(() => {
				if (res.headersSent) res.destroy();
				else sendError(res, 500, ApiError.internal, 'internal error');
			});
	};
}
