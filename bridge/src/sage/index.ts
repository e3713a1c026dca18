// Seam for the production adapter (Sage 50 through ODBC reads and SDO writes, issue 9): the
// configuration's `adapter: "sage"` calls this factory with the file's `sage` object. The ODBC and
// SDO parts replace the body with one line (their factory); nothing else in the service changes.
import type { SageAdapter } from '../adapter';
import type { SageConfig } from '../config';
import type { LedgerDb } from '../delivery/db';
import type { Logger } from '../log';
import type { BridgeClock } from '../time';

/** The adapter and the bridge's own local database (journal, idempotency, delivery ledger) on the Sage PC. */
export interface SageBackend {
	adapter: SageAdapter;
	localDb: LedgerDb;
}

/** `log`: adapter events (capture passes, SDO logon, errors), as structured lines in the bridge's log. */
export async function createSageAdapter(_config: SageConfig, _clock: BridgeClock, _log: Logger): Promise<SageBackend> {
	throw new Error('adapter "sage" (Sage 50 through ODBC and SDO) is not built in this version of the bridge; use adapter "simulated"');
}
