// Runs before the app starts. The relay serves the app with a Content-Security-Policy that
// forbids eval (sync-server/src/http/headers.ts); zod 4 probes `new Function('')` to decide
// whether to compile its parsers, which the browser reports as a CSP violation. Under that
// policy the probe fails anyway and zod interprets; jitless says so up front, without the probe.
import { z } from 'zod';

z.config({ jitless: true });
