module.exports = { ...require('../../../jest.preset.js'), displayName: 'read-model-mongodb', rootDir: __dirname };
