// The production adapter (adapter "sage", issue 9): Sage 50 read through ODBC (sage/adapter.ts) with
// change capture on a timer, written through SDO (sdo/writer.ts), or read-only when
// `sage.sdo.enabled` is false. The bridge's own tables live in `sage.localDb`.
import type { SageConfig } from '../config';
import type { LedgerDb } from '../delivery/db';
import type { Logger } from '../log';
import { createSdoWriter } from '../sdo/writer';
import type { BridgeClock } from '../time';
import { createSageOdbcAdapter, type SageOdbcAdapter } from './adapter';
import type { SqlConnection } from './sql';
import type { SageWriter } from './writer';

/** The adapter and the bridge's own local database (journal, idempotency, delivery ledger) on the Sage PC. */
export interface SageBackend {
	adapter: SageOdbcAdapter;
	localDb: LedgerDb;
}

/**
 * What reaches Sage, when not the configured ODBC connection and SDO engine: tests (here, with no
 * Sage) give unixODBC + SQLite behind the dialect guard and the fake SDO over the same file.
 */
export interface SageConnections {
	sql?: SqlConnection;
	writer?: SageWriter;
}

const SLOW_PASS_MS = 10_000;

/** `log`: adapter events (capture passes: failed, or slow), as structured lines in the bridge's log. */
export async function createSageAdapter(config: SageConfig, clock: BridgeClock, log: Logger, connections: SageConnections = {}): Promise<SageBackend> {
	const sdo = config.sdo;
	const writer = !sdo.enabled
		? undefined
		: (connections.writer ??
			createSdoWriter({ enabled: true, progId: sdo.progId, accdata: sdo.accdata ?? '', user: sdo.user ?? '', password: sdo.password ?? '' }, config.textEncoding));
	const adapter = createSageOdbcAdapter(config, { sql: connections.sql, writer, clock });
	// A failed pass (Sage closed, the share gone) leaves the journal as it was; health reports it.
	// Slow passes (a first pass or key listing over a large company) are logged with what they did, so an
	// admin watching the log sees the capture working; quick ones only at debug.
	adapter.startCapture(
		(error) => log.warn({ err: error }, 'change capture pass failed'),
		(pass) => log[pass.ms >= SLOW_PASS_MS ? 'info' : 'debug']({ capture: pass }, 'change capture pass'),
	);
	const status = await adapter.status();
	const users = { directory: config.users.length, ...adapter.users.lastLoad };
	log.info({ odbc: status.odbc.state, sdo: status.sdo.state, sdoVersion: status.sdo.sdoVersion, company: status.company, users }, 'sage adapter ready');
	return { adapter, localDb: adapter.local };
}
