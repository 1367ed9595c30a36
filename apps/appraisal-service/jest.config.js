module.exports = { ...require('../../jest.preset.js'), displayName: 'appraisal-service', rootDir: __dirname };
