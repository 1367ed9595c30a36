module.exports = { ...require('../../../jest.preset.js'), displayName: 'audit-feature', rootDir: __dirname };
