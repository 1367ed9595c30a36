import { databaseInUrl, hostsInUrl } from './mongo-url';

describe('MongoDB connection strings', () => {
  it('tells a database named in the URL from none, so the service database applies only then', () => {
    expect(databaseInUrl('mongodb://mongodb:27017/?replicaSet=rs0')).toBeUndefined();
    expect(databaseInUrl('mongodb://localhost:27017')).toBeUndefined();
    expect(databaseInUrl('mongodb://a:1,b:2/')).toBeUndefined();
    expect(databaseInUrl('mongodb://user:p%40ss@a:1,b:2/pledge_views?replicaSet=rs0')).toBe('pledge_views');
    expect(databaseInUrl('mongodb+srv://cluster.example.org/review%2Dviews')).toBe('review-views');
  });

  it('names the hosts without the credentials', () => {
    expect(hostsInUrl('mongodb://user:secret@a:1,b:2/db')).toBe('a:1,b:2');
    expect(hostsInUrl('mongodb://127.0.0.1:27017')).toBe('127.0.0.1:27017');
  });
});
