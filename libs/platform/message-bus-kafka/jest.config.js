module.exports = { ...require('../../../jest.preset.js'), displayName: 'message-bus-kafka', rootDir: __dirname };
