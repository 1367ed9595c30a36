module.exports = { ...require('../../../jest.preset.js'), displayName: 'reward-domain', rootDir: __dirname };
