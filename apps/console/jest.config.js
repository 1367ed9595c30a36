// The console's browser tests (Debian's chromium driven by playwright-core against the real
// processes) and the unit tests of its framework-free modules.
module.exports = { ...require('../../jest.preset.js'), displayName: 'console', rootDir: __dirname, testTimeout: 120000 };
