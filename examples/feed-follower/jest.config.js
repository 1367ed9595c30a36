module.exports = { ...require('../../jest.preset.js'), displayName: 'example-feed-follower', rootDir: __dirname };
