// Domain errors are shared by every context (one mapping to HTTP at the edge).
export { conflict, DomainError, forbidden, invalid, notFound, wrongState, type DomainErrorKind } from '@pledgebook/util';
