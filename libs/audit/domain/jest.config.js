module.exports = { ...require('../../../jest.preset.js'), displayName: 'audit-domain', rootDir: __dirname };
