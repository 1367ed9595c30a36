module.exports = { ...require('../../jest.preset.js'), displayName: 'reward-service', rootDir: __dirname };
