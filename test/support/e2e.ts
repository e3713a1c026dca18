// Shared helpers for end-to-end tests in a real n8n (see sandbox/n8n/README.md).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
	N8nInstance,
	packPackage,
	type N8nCredential,
	type N8nWorkflow,
	type PackedPackage,
} from '../../sandbox/n8n';

export interface N8nSuite {
	instance: N8nInstance;
	pkg: PackedPackage;
}

/**
 * A throw-away n8n with this package packed + installed, and the given credentials and workflows
 * imported (and `publish` ids published). Call `instance.dispose()` in afterAll.
 */
export async function setupN8nSuite(options: {
	name: string;
	credentials?: N8nCredential[];
	workflows?: N8nWorkflow[];
	publish?: string[];
	env?: Record<string, string>;
}): Promise<N8nSuite> {
	const pkg = packPackage();
	const instance = new N8nInstance({ name: options.name, env: options.env });
	try {
		await instance.installPackage(pkg.tgz);
		await instance.importCredentials(options.credentials ?? []);
		await instance.importWorkflows(options.workflows ?? []);
		await instance.publishWorkflows(options.publish ?? []);
	} catch (error) {
		await instance.dispose();
		throw error;
	}
	return { instance, pkg };
}

/**
 * Reads a workflow JSON fixture and replaces `__KEY__` placeholders (chosen so they never clash
 * with n8n's `{{ }}` expressions) with the given values.
 */
export function loadWorkflow(file: string, replacements: Record<string, string | number> = {}): N8nWorkflow {
	let text = fs.readFileSync(path.resolve(file), 'utf8');
	for (const [key, value] of Object.entries(replacements)) text = text.split(`__${key}__`).join(String(value));
	const leftover = /__([A-Z][A-Z0-9_]*)__/.exec(text);
	if (leftover) throw new Error(`${file}: placeholder ${leftover[0]} has no value`);
	return JSON.parse(text) as N8nWorkflow;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

export interface RequestSink {
	url: string;
	requests: RecordedRequest[];
	/** Resolves once `count` requests arrived (rejects after `timeoutMs`). */
	waitFor(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
	close(): Promise<void>;
}

/** A local HTTP server (127.0.0.1, ephemeral port) that records what workflows send to it. */
export async function startRequestSink(): Promise<RequestSink> {
	const requests: RecordedRequest[] = [];
	const waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				// keep the raw text
			}
			requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
			waiters.splice(0).forEach((w) => w());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		waitFor(count, timeoutMs = 60_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`request sink: ${requests.length}/${count} requests after ${timeoutMs} ms`)),
					timeoutMs,
				);
				const check = () => {
					if (requests.length >= count) {
						clearTimeout(timer);
						resolve(requests.slice(0, count));
					} else waiters.push(check);
				};
				check();
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export interface RssFeed {
	url: string;
	/** Delay before each answer: makes every poll of the feed take at least this long. */
	delayMs: number;
	/** HTTP status of each answer (200; anything else makes the trigger's poll throw). */
	status: number;
	/** Feed requests answered so far (one per poll of an RSS Feed Read Trigger). */
	readonly requests: number;
	/** Adds items dated after every earlier one, so the next poll emits exactly these; returns their titles. */
	publish(count: number): string[];
	close(): Promise<void>;
}

/**
 * A local RSS feed (127.0.0.1, ephemeral port) for n8n's built-in RSS Feed Read Trigger: a poll
 * whose length and result the test controls, independent of this package's triggers.
 */
export async function startRssFeed(): Promise<RssFeed> {
	// Dated from tomorrow on: the trigger's first poll emits items newer than "now".
	const base = Date.now() + 86_400_000;
	const items: string[] = [];
	let requests = 0;
	const feed: RssFeed = {
		url: '',
		delayMs: 0,
		status: 200,
		get requests() {
			return requests;
		},
		publish(count) {
			const titles: string[] = [];
			for (let i = 0; i < count; i++) {
				const n = items.length + 1;
				const date = new Date(base + n * 60_000).toUTCString();
				titles.push(`item ${n}`);
				items.push(`<item><title>item ${n}</title><link>http://feed.local/${n}</link><guid>item-${n}</guid><pubDate>${date}</pubDate></item>`);
			}
			return titles;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	const server = http.createServer((_req, res) => {
		requests += 1;
		const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>e2e</title><link>http://feed.local</link><description>e2e</description>${items.join('')}</channel></rss>`;
		const status = feed.status;
		setTimeout(() => res.writeHead(status, { 'content-type': 'application/rss+xml' }).end(body), feed.delayMs);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
	return feed;
}
