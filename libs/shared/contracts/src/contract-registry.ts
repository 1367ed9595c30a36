import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PledgebookError } from '@pledgebook/util';
import { CLOUD_EVENT_TYPE, dataSchemaUri, type CloudEvent } from './cloud-event';
import { cloudEventEnvelopeSchema } from './envelope.schema';
import type { EventContract } from './json-schema';

/** An integration event does not match its published schema. */
export class ContractViolation extends PledgebookError {
  readonly code = 'contract_violation';

  constructor(readonly eventType: string, readonly problems: string[]) {
    super(`${eventType}: ${problems.join('; ')}`, { eventType, problems });
  }
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/**
 * Every integration event type with its JSON Schema; validates on publish and on consume.
 * Compiled validators are cached, so validation costs microseconds per event.
 */
export class ContractRegistry {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly contracts = new Map<string, EventContract>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly envelope: ValidateFunction;

  constructor(contracts: readonly EventContract[] = []) {
    addFormats(this.ajv);
    this.envelope = this.ajv.compile(cloudEventEnvelopeSchema);
    for (const contract of contracts) this.register(contract);
  }

  register(contract: EventContract): void {
    if (!CLOUD_EVENT_TYPE.test(contract.type)) throw new ContractViolation(contract.type, ['type name is not pledgebook.<context>.<event>.v<major>']);
    if (this.contracts.has(contract.type)) throw new ContractViolation(contract.type, ['registered twice']);
    this.contracts.set(contract.type, contract);
    this.validators.set(contract.type, this.ajv.compile({ ...contract.dataSchema, $id: dataSchemaUri(contract.type) }));
  }

  get(type: string): EventContract | undefined {
    return this.contracts.get(type);
  }

  all(): EventContract[] {
    return [...this.contracts.values()];
  }

  /** Throws ContractViolation unless the envelope and the data both match. */
  validate(event: unknown): asserts event is CloudEvent {
    const type = (event as { type?: unknown })?.type;
    const name = typeof type === 'string' ? type : '(no type)';
    if (!this.envelope(event)) throw new ContractViolation(name, describe(this.envelope.errors, 'envelope'));
    const validator = this.validators.get(name);
    if (!validator) throw new ContractViolation(name, ['unknown event type']);
    const cloudEvent = event as CloudEvent;
    if (cloudEvent.dataschema !== dataSchemaUri(name)) throw new ContractViolation(name, [`dataschema must be ${dataSchemaUri(name)}`]);
    if (!validator(cloudEvent.data)) throw new ContractViolation(name, describe(validator.errors, 'data'));
  }
}
