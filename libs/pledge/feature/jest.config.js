module.exports = { ...require('../../../jest.preset.js'), displayName: 'pledge-feature', rootDir: __dirname };
