module.exports = { ...require('../../../jest.preset.js'), displayName: 'message-bus-sqlite', rootDir: __dirname };
