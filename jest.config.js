// Layers (see README, "Tests"): pure unit tests, service tests of the simulator and the bridge
// over HTTP, node tests against those services over real HTTP, and end-to-end tests in a real
// n8n. All run on the Node 24 that npm puts first on the PATH (devDependency `node`).
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json', isolatedModules: true }],
};
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform,
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	...extra,
});

module.exports = {
	projects: [
		project('unit'),
		project('services', { testTimeout: 60_000 }),
		project('nodes', { testTimeout: 60_000 }),
		project('e2e', { testTimeout: 900_000, slowTestThreshold: 120 }),
	],
	reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
