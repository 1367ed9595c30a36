// PreparedCollections against a recording stand-in for the database catalog: which catalog
// operations happen, in which transaction, how often. No server is involved.
import type { ClientSession } from 'mongodb';
import type { IndexSpec } from '@pledgebook/read-model';
import { PreparedCollections, type CollectionCatalog } from './mongo-indexes';

function recordingCatalog(existing: string[] = []) {
  const calls: string[] = [];
  const collections = new Set(existing);
  const catalog: CollectionCatalog = {
    registeredSpecs: async (name) => {
      calls.push(`specs ${name}`);
      return [{ fields: ['year'] }];
    },
    exists: async (target) => {
      calls.push(`exists ${target}`);
      return collections.has(target);
    },
    create: async (target, specs, session) => {
      calls.push(`create ${target} [${specs.map((s) => s.fields.join('+')).join(' ')}] in ${(session as unknown as { id: string } | undefined)?.id ?? 'no transaction'}`);
      collections.add(target);
    },
    createIndexes: async (target, specs) => {
      calls.push(`indexes ${target} [${specs.map((s) => s.fields.join('+')).join(' ')}]`);
    },
  };
  return { catalog, calls };
}

const tx = (id: string) => ({ id }) as unknown as ClientSession;

describe('preparing MongoDB collections for writes', () => {
  it('creates a new collection with its indexes inside the transaction of its first write', async () => {
    const { catalog, calls } = recordingCatalog();
    const prepared = new PreparedCollections(catalog);
    const pending = new Set<string>();
    await prepared.beforeWrite('pledges', 'pledges__g2', tx('tx-1'), pending);
    await prepared.beforeWrite('pledges', 'pledges__g2', tx('tx-1'), pending);
    expect(calls).toEqual(['exists pledges__g2', 'specs pledges', 'create pledges__g2 [year] in tx-1']);
    prepared.committed(pending);
    await prepared.beforeWrite('pledges', 'pledges__g2', tx('tx-2'), new Set());
    expect(calls).toHaveLength(3);
  });

  it('forgets what an aborted transaction created', async () => {
    const { catalog, calls } = recordingCatalog();
    const prepared = new PreparedCollections(catalog);
    await prepared.beforeWrite('pledges', 'pledges__g1', tx('tx-1'), new Set()); // never committed
    await prepared.beforeWrite('pledges', 'pledges__g1', tx('tx-2'), new Set());
    expect(calls.filter((c) => c.startsWith('exists'))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('specs'))).toHaveLength(1);
  });

  it('indexes existing collections when specs are declared, outside any transaction, and looks nothing up again', async () => {
    const { catalog, calls } = recordingCatalog(['members__g1']);
    const prepared = new PreparedCollections(catalog);
    const specs: IndexSpec[] = [{ fields: ['bureauId', 'branchId'] }];
    await prepared.declare('members', specs, ['members__g1']);
    const pending = new Set<string>();
    await prepared.beforeWrite('members', 'members__g1', tx('tx-1'), pending);
    await prepared.beforeWrite('members', 'members__g2', tx('tx-1'), pending);
    expect(calls).toEqual(['indexes members__g1 [bureauId+branchId]', 'exists members__g2', 'create members__g2 [bureauId+branchId] in tx-1']);
  });

  it('declaring one collection leaves what is known about others alone', async () => {
    const { catalog, calls } = recordingCatalog(['reviews__g1']);
    const prepared = new PreparedCollections(catalog);
    const pending = new Set<string>();
    await prepared.beforeWrite('reviews', 'reviews__g1', tx('tx-1'), pending);
    prepared.committed(pending);
    await prepared.declare('members', [{ fields: ['bureauId'] }], []);
    await prepared.beforeWrite('reviews', 'reviews__g1', tx('tx-2'), new Set());
    expect(calls.filter((c) => c === 'exists reviews__g1')).toHaveLength(1);
  });
});
