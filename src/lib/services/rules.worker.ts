// The worker entry of the risk rules (services/rules-worker.ts starts it).
import { expose } from 'comlink';
import { RuleEngineHost } from '$lib/rules/engine-host';

expose(new RuleEngineHost());
