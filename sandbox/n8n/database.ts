// Read-only access to an instance's SQLite database (`<userFolder>/.n8n/database.sqlite`), from a
// short-lived Node 24 process: `node:sqlite` opens it read-only (WAL lets n8n keep writing), and
// n8n's own `flatted` (from the runtime's node_modules) decodes stored run data.
import { execFileSync } from 'node:child_process';
import type { IDataObject, IRun } from 'n8n-workflow';
import type { N8nRuntime } from './runtime';

export interface ExecutionRow {
	id: string;
	workflowId: string;
	status: 'new' | 'running' | 'success' | 'error' | 'crashed' | 'canceled' | 'waiting' | string;
	mode: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** One row of n8n 2.40.7's publication outbox: an activation / deactivation and how it ended. */
export interface PublicationRow {
	id: number;
	status: 'pending' | 'in_progress' | 'completed' | 'partial_success' | 'failed' | string;
	errorMessage: string | null;
}

export interface WorkflowRow {
	id: string;
	name: string;
	active: boolean;
	activeVersionId: string | null;
	versionId: string | null;
}

type Query =
	| { kind: 'executions'; workflowId?: string }
	| { kind: 'execution'; id: string }
	| { kind: 'staticData'; workflowId: string }
	| { kind: 'workflows' }
	| { kind: 'publications'; workflowId: string };

// Runs inside the Node 24 child: argv[1] = database file, argv[2] = JSON query.
const SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const [file, raw] = process.argv.slice(1);
const q = JSON.parse(raw);
const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
const cols = 'id, workflowId, status, mode, finished, startedAt, stoppedAt';
let out;
if (q.kind === 'executions') {
  out = q.workflowId
    ? db.prepare('SELECT ' + cols + ' FROM execution_entity WHERE workflowId = ? AND deletedAt IS NULL ORDER BY id').all(q.workflowId)
    : db.prepare('SELECT ' + cols + ' FROM execution_entity WHERE deletedAt IS NULL ORDER BY id').all();
} else if (q.kind === 'execution') {
  const row = db.prepare('SELECT ' + cols + ' FROM execution_entity WHERE id = ?').get(Number(q.id));
  const data = db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(Number(q.id));
  out = row ? { ...row, data: data ? require('flatted').parse(data.data) : null } : null;
} else if (q.kind === 'staticData') {
  const row = db.prepare('SELECT staticData FROM workflow_entity WHERE id = ?').get(q.workflowId);
  out = row && row.staticData ? JSON.parse(row.staticData) : null;
} else if (q.kind === 'publications') {
  out = db.prepare('SELECT id, status, errorMessage FROM workflow_publication_outbox WHERE workflowId = ? ORDER BY id').all(q.workflowId);
} else if (q.kind === 'workflows') {
  out = db.prepare('SELECT id, name, active, activeVersionId, versionId FROM workflow_entity ORDER BY id').all();
}
db.close();
process.stdout.write(JSON.stringify(out ?? null));
`;

export function queryDatabase<T>(runtime: N8nRuntime, databaseFile: string, query: Query): T {
	const out = execFileSync(runtime.nodeBin, ['--no-warnings', '-e', SCRIPT, databaseFile, JSON.stringify(query)], {
		encoding: 'utf8',
		env: { ...process.env, NODE_PATH: runtime.nodeModules, NODE_OPTIONS: '' },
		maxBuffer: 256 << 20,
	});
	return JSON.parse(out) as T;
}

const toExecution = (row: IDataObject): ExecutionRow => ({
	id: String(row.id),
	workflowId: String(row.workflowId),
	status: String(row.status),
	mode: String(row.mode),
	finished: Boolean(row.finished),
	startedAt: (row.startedAt as string) ?? null,
	stoppedAt: (row.stoppedAt as string) ?? null,
});

export function listExecutions(runtime: N8nRuntime, db: string, workflowId?: string): ExecutionRow[] {
	return queryDatabase<IDataObject[]>(runtime, db, { kind: 'executions', workflowId }).map(toExecution);
}

export function readExecution(
	runtime: N8nRuntime,
	db: string,
	id: string,
): (ExecutionRow & { run: IRun['data'] | null }) | undefined {
	const row = queryDatabase<(IDataObject & { data: IRun['data'] | null }) | null>(runtime, db, {
		kind: 'execution',
		id,
	});
	return row ? { ...toExecution(row), run: row.data } : undefined;
}

export function readStaticData(runtime: N8nRuntime, db: string, workflowId: string): IDataObject | null {
	return queryDatabase<IDataObject | null>(runtime, db, { kind: 'staticData', workflowId });
}

export function listWorkflows(runtime: N8nRuntime, db: string): WorkflowRow[] {
	return queryDatabase<IDataObject[]>(runtime, db, { kind: 'workflows' }).map((r) => ({
		id: String(r.id),
		name: String(r.name),
		active: Boolean(r.active),
		activeVersionId: (r.activeVersionId as string) ?? null,
		versionId: (r.versionId as string) ?? null,
	}));
}

export function listPublications(runtime: N8nRuntime, db: string, workflowId: string): PublicationRow[] {
	return queryDatabase<IDataObject[]>(runtime, db, { kind: 'publications', workflowId }).map((r) => ({
		id: Number(r.id),
		status: String(r.status),
		errorMessage: (r.errorMessage as string) ?? null,
	}));
}
