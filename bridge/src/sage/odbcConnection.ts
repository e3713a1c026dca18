// The production SqlConnection: the npm `odbc` package (an optional dependency of the bridge) over
// the system driver manager and Sage's driver — DSN `SageLine50vNN`, or DSN-less
// `Driver={Sage Line 50 vNN};DIR=<ACCDATA>;UID=…;PWD=…`. One statement at a time (the driver is not
// re-entrant on one connection); a broken connection is reopened on the next statement.
import { BridgeError } from '../errors';
import type { SqlConnection, SqlRow } from './sql';

interface OdbcConnection {
	query(sql: string): Promise<unknown[]>;
	close(): Promise<void>;
}
interface OdbcModule {
	connect(connectionString: string): Promise<OdbcConnection>;
}

function loadOdbc(): OdbcModule {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return require('odbc') as OdbcModule;
	} catch (error) {
		throw new BridgeError(
			'SAGE_BUSY',
			`The bridge cannot read Sage: the ODBC module (npm package "odbc") is not installed or did not build (${(error as Error).message}). Reinstall the bridge with its optional dependencies on the Sage PC.`,
		);
	}
}

/** What the driver said, without the connection string (it may hold the Sage password). */
function describe(error: unknown): string {
	const odbcErrors = (error as { odbcErrors?: Array<{ state?: string; message?: string }> }).odbcErrors;
	if (odbcErrors?.length) return odbcErrors.map((e) => `${e.state ?? ''} ${e.message ?? ''}`.trim()).join('; ');
	return (error as Error).message;
}

/** SQLSTATE class 08: the connection itself failed (Sage closed, network share gone): reopen next time. */
function connectionLost(error: unknown): boolean {
	const odbcErrors = (error as { odbcErrors?: Array<{ state?: string }> }).odbcErrors;
	return !odbcErrors?.length || odbcErrors.some((e) => e.state?.startsWith('08'));
}

export class OdbcSqlConnection implements SqlConnection {
	private connection: Promise<OdbcConnection> | undefined;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly connectionString: string) {}

	private connect(): Promise<OdbcConnection> {
		this.connection ??= loadOdbc()
			.connect(this.connectionString)
			.catch((error: unknown) => {
				this.connection = undefined;
				throw new BridgeError('SAGE_BUSY', `Cannot open the Sage ODBC connection: ${describe(error)}`);
			});
		return this.connection;
	}

	query(sql: string): Promise<SqlRow[]> {
		const run = this.queue.then(async () => {
			const connection = await this.connect();
			try {
				const rows = await connection.query(sql);
				// The result array also carries statement/columns properties: keep the rows only.
				return Array.from(rows as SqlRow[], (r) => ({ ...r }));
			} catch (error) {
				if (connectionLost(error)) {
					this.connection = undefined;
					await connection.close().catch(() => undefined);
				}
				throw new BridgeError('SAGE_BUSY', `Sage ODBC query failed: ${describe(error)}`);
			}
		});
		this.queue = run.catch(() => undefined);
		return run;
	}

	async close(): Promise<void> {
		await this.queue;
		const connection = this.connection;
		this.connection = undefined;
		if (connection) await (await connection.catch(() => undefined))?.close();
	}
}
