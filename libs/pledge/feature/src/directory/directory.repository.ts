import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { evolveDirectory, initialDirectoryState, type DirectoryEvent, type DirectoryState } from '@pledgebook/pledge-domain';
import { directoryStream } from '../streams';

export interface LoadedDirectory {
  state: DirectoryState;
  /** Revision of the last event folded in; -1 for a bureau never registered. */
  revision: number;
}

/** Folds a bureau's directory stream, keeping the result and reading only new events next time. */
@Injectable()
export class DirectoryRepository {
  private readonly cache = new Map<string, LoadedDirectory>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async load(bureauId: string): Promise<LoadedDirectory> {
    const cached = this.cache.get(bureauId) ?? { state: initialDirectoryState(), revision: -1 };
    const fresh = await this.events.readStream(directoryStream(bureauId), { from: cached.revision + 1 });
    if (fresh.length === 0) return cached;
    const loaded = {
      state: fresh.reduce((s, e) => evolveDirectory(s, { type: e.type, data: e.data } as DirectoryEvent), cached.state),
      revision: fresh[fresh.length - 1]!.revision,
    };
    this.cache.set(bureauId, loaded);
    return loaded;
  }

  /** Parent, grandparent, … of a bureau (for a parent authority's auditors). */
  async ancestors(bureauId: string): Promise<string[]> {
    const chain: string[] = [];
    for (let current = (await this.load(bureauId)).state.parentBureauId; current && !chain.includes(current); ) {
      chain.push(current);
      current = (await this.load(current)).state.parentBureauId;
    }
    return chain;
  }
}
