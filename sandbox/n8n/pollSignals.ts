// What a running n8n 2.40.7 itself says about its polls (README, "What n8n says about a poll"):
// its debug log (`n8n-start.log`) names each poll that starts, each poll that emits and the id of
// each execution it starts; its Prometheus counter `poll_trigger_duration_seconds_count` counts
// each poll that finished. A poll that emitted nothing leaves no line, so "has it finished?" is
// answered by comparing the two counts: when n8n has counted as many finished polls as its log
// shows started ones, no poll is running.
import * as fs from 'node:fs';
import type { N8nServer } from './instance';

/** One event of n8n's log that the cycle driver acts on. */
export type PollLogEvent =
	| { kind: 'pollStarted'; workflowId: string }
	| { kind: 'pollSkipped'; workflowId: string }
	| { kind: 'cron'; workflowId: string }
	| { kind: 'emitted'; workflowName: string }
	| { kind: 'executionAssigned'; workflowName: string; executionId: string }
	| { kind: 'executionNotStarted'; workflowId: string };

const ANSI = /\x1b\[[0-9;]*m/g;
const metaValue = (line: string, key: string) => new RegExp(`"${key}": ?"([^"]*)"`).exec(line)?.[1];

/**
 * Parses one line of n8n's console log (text format, colours stripped). Sources, n8n 2.40.7:
 * `n8n-core/dist/execution-engine/poll-trigger-executor.js` (started, skipped),
 * `n8n-core/dist/execution-engine/scheduled-task-manager.js` (cron tick),
 * `n8n/dist/workflows/triggers/trigger-execution-context.factory.js` (`__emit`; an emit whose
 * execution could not start), `n8n/dist/workflow-runner.js` (`runMainProcess`: execution id).
 */
export function parsePollLogLine(raw: string): PollLogEvent | undefined {
	const line = raw.replace(ANSI, '');
	let m: RegExpExecArray | null;
	if (line.includes('Poll trigger initiated for workflow "')) {
		const workflowId = metaValue(line, 'workflowId');
		return workflowId === undefined ? undefined : { kind: 'pollStarted', workflowId };
	}
	if (line.includes('Skipping poll for superseded workflow "')) {
		const workflowId = metaValue(line, 'workflowId');
		return workflowId === undefined ? undefined : { kind: 'pollSkipped', workflowId };
	}
	if (line.includes('Executing cron ') && metaValue(line, 'groupType') === 'workflow') {
		const workflowId = metaValue(line, 'groupId');
		return workflowId === undefined ? undefined : { kind: 'cron', workflowId };
	}
	if ((m = /Received event to trigger execution for workflow "(.*?)"(?=\s|$)/.exec(line))) {
		return { kind: 'emitted', workflowName: m[1] };
	}
	if ((m = /Execution for workflow (.*?) was assigned id (\d+)(?=\s|$)/.exec(line))) {
		return { kind: 'executionAssigned', workflowName: m[1], executionId: m[2] };
	}
	if (line.includes('Published version not found for workflow')) {
		const workflowId = metaValue(line, 'workflowId');
		return workflowId === undefined ? undefined : { kind: 'executionNotStarted', workflowId };
	}
	return undefined;
}

/** Reads a growing log file from a byte offset, whole lines at a time. */
export class LogTail {
	private partial = Buffer.alloc(0);

	constructor(
		private readonly file: string,
		private position: number,
	) {}

	/** The lines completed since the last call. */
	read(): string[] {
		const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
		if (size <= this.position) return [];
		const fresh = Buffer.alloc(size - this.position);
		const fd = fs.openSync(this.file, 'r');
		try {
			this.position += fs.readSync(fd, fresh, 0, fresh.length, this.position);
		} finally {
			fs.closeSync(fd);
		}
		// Decode whole lines only: a line still being written may end inside a UTF-8 character.
		const bytes = Buffer.concat([this.partial, fresh]);
		const end = bytes.lastIndexOf(0x0a) + 1;
		this.partial = bytes.subarray(end);
		return end === 0 ? [] : bytes.subarray(0, end - 1).toString('utf8').split('\n');
	}
}

/** The poll events n8n logged after a mark, in log order (read incrementally). */
export class PollLog {
	/** Every event since the mark. */
	readonly events: PollLogEvent[] = [];
	private readonly tail: LogTail;

	constructor(server: N8nServer, from: number) {
		this.tail = new LogTail(server.logFile, from);
	}

	/** Reads what n8n logged since the last call and returns those events. */
	read(): PollLogEvent[] {
		const fresh = this.tail.read().flatMap((line) => parsePollLogLine(line) ?? []);
		this.events.push(...fresh);
		return fresh;
	}
}

/** n8n's own counts of polls started (log) and finished (metrics) on one server. */
export class PollCounter {
	private readonly log: LogTail;
	private started = 0;

	private constructor(
		private readonly server: N8nServer,
		private readonly metricsPrefix: string,
	) {
		this.log = new LogTail(server.logFile, server.logStart);
	}

	private static readonly counters = new WeakMap<N8nServer, PollCounter>();

	/** One counter per server (it reads the server's log once, incrementally). */
	static of(server: N8nServer): PollCounter {
		let counter = PollCounter.counters.get(server);
		if (!counter) {
			counter = new PollCounter(server, server.env.N8N_METRICS_PREFIX ?? 'n8n_');
			PollCounter.counters.set(server, counter);
		}
		return counter;
	}

	/** Polls that finished (emitted, returned nothing or threw), or undefined when /metrics is off. */
	async finished(): Promise<number | undefined> {
		const response = await fetch(`${this.server.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
		if (!response.ok) return undefined;
		const text = await response.text();
		const name = `${this.metricsPrefix}poll_trigger_duration_seconds`;
		if (!text.includes(`# TYPE ${name} histogram`)) return undefined;
		let total = 0;
		for (const m of text.matchAll(new RegExp(`^${name}_count\\{[^}]*\\} (\\d+)$`, 'gm'))) total += Number(m[1]);
		return total;
	}

	/**
	 * Whether no poll is running on the server: every poll its log shows started has been counted
	 * as finished (a poll skipped for a superseded workflow never runs). The counter is read first,
	 * the log second, so a poll that starts in between can only make the answer "not yet".
	 * Undefined when the server gives no such signal (metrics off, or log level not debug).
	 */
	async settled(): Promise<{ settled: boolean; started: number; finished: number } | undefined> {
		const finished = await this.finished();
		if (finished === undefined || this.server.env.N8N_LOG_LEVEL !== 'debug') return undefined;
		for (const line of this.log.read()) {
			const event = parsePollLogLine(line);
			if (event?.kind === 'pollStarted') this.started += 1;
			if (event?.kind === 'pollSkipped') this.started -= 1;
		}
		return { settled: finished >= this.started, started: this.started, finished };
	}
}
