import { describe, expect, it } from 'vitest';
import { apiUrl, httpBaseOf, socketUrlOf } from './urls';

describe('relay URLs', () => {
	it('turn a socket URL into the http base and back', () => {
		expect(httpBaseOf('wss://relay.example.cn/sync')).toBe('https://relay.example.cn');
		expect(httpBaseOf('ws://127.0.0.1:8787/sync/')).toBe('http://127.0.0.1:8787');
		expect(socketUrlOf('https://relay.example.cn/')).toBe('wss://relay.example.cn/sync');
		expect(socketUrlOf('http://localhost:8787')).toBe('ws://localhost:8787/sync');
	});

	it('keep a path prefix both ways, and in API calls', () => {
		expect(httpBaseOf('wss://example.org/bangfu/sync')).toBe('https://example.org/bangfu');
		expect(socketUrlOf('https://example.org/bangfu/')).toBe('wss://example.org/bangfu/sync');
		expect(httpBaseOf(socketUrlOf('http://10.0.0.2:8080/a/b'))).toBe('http://10.0.0.2:8080/a/b');
		expect(apiUrl('https://example.org/bangfu/', '/api/workspaces')).toBe(
			'https://example.org/bangfu/api/workspaces'
		);
	});

	it('drop the query and fragment of what was typed', () => {
		expect(socketUrlOf('https://example.org/x?y=1#z')).toBe('wss://example.org/x/sync');
		expect(httpBaseOf('ws://example.org/sync?token=t')).toBe('http://example.org');
	});
});
