// The test's connection to a Sage-shaped SQLite company: the bridge's own production ODBC connection
// (the npm `odbc` package over unixODBC and the SQLite ODBC driver, `Driver=SQLite3;Database=…`), with
// every statement passed through the Sage dialect guard first and only then rewritten for SQLite.
import { OdbcSqlConnection } from '../../../bridge/src/sage/odbcConnection';
import type { SqlConnection, SqlRow } from '../../../bridge/src/sage/sql';
import { toSqlite } from './dialectGuard';

export class GuardedSageConnection implements SqlConnection {
	/** Every statement the adapter sent, as it sent it (Sage's dialect). */
	readonly statements: string[] = [];
	private readonly odbc: OdbcSqlConnection;

	constructor(readonly file: string) {
		this.odbc = new OdbcSqlConnection(`Driver=SQLite3;Database=${file}`);
	}

	async query(sql: string): Promise<SqlRow[]> {
		this.statements.push(sql);
		return this.odbc.query(toSqlite(sql));
	}

	close(): Promise<void> {
		return this.odbc.close();
	}
}
