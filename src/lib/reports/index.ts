/**
 * Reports: pure functions from a workspace's records to titled tables (ledgers, the
 * quarterly report, the staff table, the school pairing summary, the posting list), and a
 * CSV writer. The .xlsx writer is `./xlsx` (it pulls in exceljs: import it on demand).
 */
export * from './table';
export * from './input';
export * from './vocabulary';
export * from './index-of';
export * from './ledgers';
export * from './quarterly';
export * from './staff';
export * from './school';
export * from './posting';
export * from './csv';
export * from './roster';
export * from './dashboard';
