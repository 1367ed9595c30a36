module.exports = { ...require('../../../jest.preset.js'), displayName: 'appraisal-feature', rootDir: __dirname };
