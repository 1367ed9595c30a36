module.exports = { ...require('../../../jest.preset.js'), displayName: 'read-model-sqlite', rootDir: __dirname };
