import { hasRole, requireBureau, requireOfficeStaff, type Actor } from '../shared/actor';
import { conflict, forbidden, invalid, notFound, wrongState } from '../shared/errors';
import { isBlank } from '../shared/text';
import type { SchemeCommand } from './commands';
import type { SchemeEvent } from './events';
import type { SchemeState, SchemeStatus } from './state';
import { validateScheme } from './validate-scheme';

function requireStatus(state: SchemeState, allowed: SchemeStatus[]): void {
  if (state.status === 'none') throw notFound('scheme', '(this version)');
  if (state.status === 'published' && !allowed.includes('published')) {
    throw conflict('scheme_frozen', `version ${state.version} is published and frozen; draft a new version to change it`, { currentState: 'published' });
  }
  if (!allowed.includes(state.status)) throw wrongState('the scheme', state.status, allowed);
}

function requireLeadingGroup(actor: Actor): void {
  if (!hasRole(actor, 'leading-group')) throw forbidden('not_the_leading_group', 'the leading party group (领导小组) approves the scheme');
}

export function decideScheme(command: SchemeCommand, state: SchemeState): SchemeEvent[] {
  const by = command.actor.memberId;
  if (command.type === 'DraftScheme') {
    requireBureau(command.actor, command.bureauId);
    requireOfficeStaff(command.actor, command.context, command.year);
    if (state.status !== 'none') throw conflict('scheme_version_exists', `version ${state.version} of ${state.year} already exists`, { version: state.version });
    if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2200) throw invalid('bad_year', 'year must be between 2000 and 2200', { field: 'year' });
    if (!Number.isInteger(command.version) || command.version < 1) throw invalid('bad_version', 'versions are numbered from 1', { field: 'version' });
    if (command.basedOnVersion !== undefined && !(Number.isInteger(command.basedOnVersion) && command.basedOnVersion >= 1 && command.basedOnVersion < command.version)) {
      throw invalid('bad_version', 'a new version is based on an earlier one', { field: 'basedOnVersion' });
    }
    validateScheme(command.content);
    const { bureauId, year, version, content, basedOnVersion } = command;
    return [{ type: 'SchemeDrafted', data: { bureauId, year, version, content, ...(basedOnVersion !== undefined ? { basedOnVersion } : {}), by, at: command.at } }];
  }
  requireBureau(command.actor, state.bureauId || command.actor.bureauId);
  switch (command.type) {
    case 'ReviseScheme':
      requireStatus(state, ['draft']);
      requireOfficeStaff(command.actor, command.context, state.year);
      validateScheme(command.content);
      return [{ type: 'SchemeRevised', data: { version: state.version, content: command.content, by, at: command.at } }];
    case 'SubmitScheme':
      requireStatus(state, ['draft']);
      requireOfficeStaff(command.actor, command.context, state.year);
      return [{ type: 'SchemeSubmitted', data: { version: state.version, by, at: command.at } }];
    case 'ReturnScheme':
      requireStatus(state, ['submitted']);
      requireLeadingGroup(command.actor);
      if (isBlank(command.reason)) throw invalid('reason_required', 'say what to change', { field: 'reason' });
      return [{ type: 'SchemeReturned', data: { version: state.version, reason: command.reason.trim(), by, at: command.at } }];
    case 'ApproveScheme':
      requireStatus(state, ['submitted']);
      requireLeadingGroup(command.actor);
      return [{ type: 'SchemeApproved', data: { version: state.version, by, at: command.at } }];
    case 'PublishScheme':
      requireStatus(state, ['approved', 'published']);
      requireOfficeStaff(command.actor, command.context, state.year);
      if (state.status === 'published') return [];
      return [{ type: 'SchemePublished', data: { bureauId: state.bureauId, year: state.year, version: state.version, content: state.content!, by, publishedAt: command.at } }];
  }
}
