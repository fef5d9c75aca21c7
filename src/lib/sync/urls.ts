// The relay's two addresses: the http(s) base people type and the API lives under, and the
// ws(s) URL the WebsocketProvider connects to (`<base>/sync`). A relay served under a path
// (https://example.org/bangfu) keeps it in both directions.

/** ws(s)://host[:port][/prefix]/sync -> http(s)://host[:port][/prefix] */
export function httpBaseOf(socketUrl: string): string {
	const u = new URL(socketUrl);
	u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
	u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/sync$/, '');
	u.search = '';
	u.hash = '';
	return u.toString().replace(/\/+$/, '');
}

/** http(s)://host[:port][/prefix] -> ws(s)://host[:port][/prefix]/sync */
export function socketUrlOf(httpBase: string): string {
	const u = new URL(httpBase);
	u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
	u.pathname = `${u.pathname.replace(/\/+$/, '')}/sync`;
	u.search = '';
	u.hash = '';
	return u.toString();
}

/** An API path under the relay's base, keeping its path prefix. */
export function apiUrl(httpBase: string, path: string): string {
	return `${httpBase.replace(/\/+$/, '')}${path}`;
}
