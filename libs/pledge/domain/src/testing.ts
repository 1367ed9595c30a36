export { deciderSpec } from '@pledgebook/util/testing';
