// The bridge as configured for a real Sage 50 (`adapter: "sage"`), started through the service's own
// configuration path, where this machine has no Sage: the ODBC reads go through unixODBC and the
// SQLite ODBC driver (`Driver=SQLite3;Database=<file>`) behind the Sage dialect guard, and the SDO
// writes through the fake SDO, both on one Sage-shaped company file seeded with the demo company.
// Tests edit that file directly, as Sage's own program would (sagePeople.ts). Sage's users are the
// configuration's users directory (`sage.users`), by default the demo company's users that have an e-mail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import type { SageRow } from '../../bridge/src/adapter';
import type { TextEncodingOptions } from '../../bridge/src/codePage';
import { type BridgeConfig, parseConfig, type SageUserEntry } from '../../bridge/src/config';
import type { RunningService } from '../../bridge/src/serve';
import { startFromConfig } from '../../bridge/src/service';
import { SageOdbcAdapter } from '../../bridge/src/sage/adapter';
import { createSageCompanyFile } from '../../bridge/src/sage/testing/sageSchema';
import type { FakeSageCompany } from '../../bridge/src/sdo/fake/company';
import { createFakeSdoWriter, FAKE_ACCDATA, FAKE_SDO_USER } from '../../bridge/src/sdo/fake';
import { DEMO_USERS } from '../../bridge/src/seed/demo';
import { BridgeClock } from '../../bridge/src/time';
import { GuardedSageConnection } from './sageOdbc/connection';

export interface SageBridge extends RunningService {
	adapterName: string;
	/** The configuration the service was started with (as parseConfig made it). */
	config: BridgeConfig;
	/** The Sage adapter inside the service (capture passes, status). */
	sageAdapter: SageOdbcAdapter;
	/** The company file and its product pictures folder. */
	file: string;
	imagesDir: string;
	/** The Sage-shaped tables, opened as Sage's own program has them (people's edits). */
	sage: DatabaseSync;
	/** The fake SDO the writer talks to (its test hooks: exclusive mode, a person logged on as SYNC …). */
	sdo: FakeSageCompany | undefined;
	/** Every statement the adapter sent through ODBC (each one passed the dialect guard). */
	statements: readonly string[];
	/**
	 * The admin edits the users directory and restarts the bridge: the new `sage.users` is validated
	 * as the configuration file is (throws ConfigError) and compared with the snapshot, as at start-up.
	 */
	editUsers(users: SageUserEntry[]): void;
}

export interface SageBridgeOptions {
	apiKey: string;
	seed?: 'demo' | 'empty';
	/** false: read-only mode (`sage.sdo.enabled: false`). */
	sdo?: boolean;
	textEncoding?: TextEncodingOptions;
	clock?: BridgeClock;
	/** Log level of the service (default warn). */
	logLevel?: 'warn' | 'error' | 'info' | 'silent';
	/** `sage.users` (default: DEMO_DIRECTORY with the demo seed, none with the empty one). */
	users?: SageUserEntry[];
}

/** A Sage user in the contract's names as the admin copies it into the users directory. */
export function directoryEntry(row: SageRow): SageUserEntry {
	return {
		userName: String(row.USER_NAME),
		...(row.NAME ? { fullName: String(row.NAME) } : {}),
		email: String(row.E_MAIL ?? ''),
		...(row.USER_TYPE ? { userType: row.USER_TYPE as SageUserEntry['userType'] } : {}),
	};
}

/** The demo company's users as a directory: those with an e-mail (the directory requires one; INTEGRATION has none). */
export const DEMO_DIRECTORY: readonly SageUserEntry[] = DEMO_USERS.filter((u) => u.E_MAIL).map(directoryEntry);

const SDO_PASSWORD = 'sync-e2e-password';

export async function startSageBridge(options: SageBridgeOptions): Promise<SageBridge> {
	const dir = mkdtempSync(join(tmpdir(), 'sage-bridge-'));
	const file = join(dir, 'ACCDATA.sqlite');
	const imagesDir = join(dir, 'PICTURES');
	const clock = options.clock ?? new BridgeClock();
	// Seeded a minute ago: the first capture pass lists the demo company as Sage's own records.
	const sage = createSageCompanyFile(file, { seed: options.seed ?? 'demo', at: new Date(clock.now().getTime() - 60_000), imagesDir });
	const sdoEnabled = options.sdo !== false;
	const config = parseConfig(
		{
			adapter: 'sage',
			apiKey: options.apiKey,
			listen: { port: 0 },
			log: { level: options.logLevel ?? 'warn' },
			sage: {
				odbc: { connectionString: `Driver=SQLite3;Database=${file}` },
				sdo: { enabled: sdoEnabled, progId: 'SDOEngine.32', accdata: FAKE_ACCDATA, user: FAKE_SDO_USER, password: SDO_PASSWORD },
				localDb: join(dir, 'bridge.db'),
				imagesDir,
				users: options.users ?? ((options.seed ?? 'demo') === 'demo' ? DEMO_DIRECTORY : []),
				...(options.textEncoding ? { textEncoding: options.textEncoding } : {}),
			},
		},
		{},
	);
	const fake = sdoEnabled ? createFakeSdoWriter({ file, clock, textEncoding: config.sage!.textEncoding, password: SDO_PASSWORD }) : undefined;
	const connection = new GuardedSageConnection(file);
	const logger = pino({ level: config.log.level }, pino.destination(2));
	let running: Awaited<ReturnType<typeof startFromConfig>>;
	try {
		running = await startFromConfig(config, logger, { clock, sage: { sql: connection, writer: fake?.writer } });
	} catch (error) {
		fake?.sage.close();
		sage.close();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	if (!(running.adapter instanceof SageOdbcAdapter)) throw new Error(`expected the Sage adapter, the service started "${running.adapterName}"`);
	const sageAdapter = running.adapter;
	return {
		...running,
		config,
		sageAdapter,
		file,
		imagesDir,
		sage,
		sdo: fake?.sage,
		statements: connection.statements,
		editUsers: (users) => {
			const next = parseConfig({ ...config, sage: { ...config.sage, users } }, {});
			config.sage!.users = next.sage!.users;
			sageAdapter.users.load(next.sage!.users);
		},
		close: async () => {
			await running.close(); // closes the adapter: capture, writer, ODBC connection, local database
			fake?.sage.close();
			sage.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
