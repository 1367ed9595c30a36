module.exports = { ...require('../../../jest.preset.js'), displayName: 'message-bus', rootDir: __dirname };
