// The worker entry of the risk rules (services/rules-worker.ts starts it).
import { expose } from 'comlink';
import { RulesApi } from './rules-api';

expose(new RulesApi());
