// The sync suite's test/e2e/sync/echoes-merges.test.ts, with the bridge on the Sage adapter: ODBC reads over
// unixODBC + the SQLite ODBC driver behind the Sage dialect guard, SDO writes through the fake SDO,
// people's edits written into the Sage-shaped tables (README.md in this folder).
process.env.SFM_BRIDGE_ADAPTER = 'sage';
require('../sync/echoes-merges.test');
export {};
