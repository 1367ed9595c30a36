import type { SchemeEvent } from './events';
import type { SchemeState } from './state';

export function evolveScheme(state: SchemeState, event: SchemeEvent): SchemeState {
  switch (event.type) {
    case 'SchemeDrafted': {
      const { bureauId, year, version, content, basedOnVersion } = event.data;
      return { status: 'draft', bureauId, year, version, content, ...(basedOnVersion !== undefined ? { basedOnVersion } : {}) };
    }
    case 'SchemeRevised':
      return { ...state, content: event.data.content };
    case 'SchemeSubmitted':
      return { ...state, status: 'submitted' };
    case 'SchemeReturned':
      return { ...state, status: 'draft', returnedFor: event.data.reason };
    case 'SchemeApproved':
      return { ...state, status: 'approved', approvedBy: event.data.by };
    case 'SchemePublished':
      return { ...state, status: 'published', content: event.data.content, publishedAt: event.data.publishedAt };
  }
}
