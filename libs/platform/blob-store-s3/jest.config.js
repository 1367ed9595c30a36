module.exports = { ...require('../../../jest.preset.js'), displayName: 'blob-store-s3', rootDir: __dirname };
