module.exports = { ...require('../../jest.preset.js'), displayName: 'example-appraisal-consumer', rootDir: __dirname };
