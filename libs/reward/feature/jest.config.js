module.exports = { ...require('../../../jest.preset.js'), displayName: 'reward-feature', rootDir: __dirname };
