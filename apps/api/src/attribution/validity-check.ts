import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

/** Metadata kinds the check evaluates; anything else (nested, each, promise) makes the class unsupported. */
const SUPPORTED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

interface PropertyRules {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  /** `args` is the constraint's ValidationArguments, built once: only `object` and `value` change per call. */
  checks: {
    validateIf?: (object: object, value: unknown) => boolean;
    args: ValidationArguments;
    validate: (value: unknown, args: ValidationArguments) => unknown;
  }[];
}

/**
 * "Would validateSync(plainToInstance(target, object), { whitelist, forbidNonWhitelisted }) find nothing?"
 * for `object` plain or already an instance (the target has no class-transformer rules), answered from the
 * class's own class-validator metadata (its decorators stay the only rule list) with the same constraint
 * instances, without class-validator's per-call metadata search and error objects: that search walks every
 * validated class of the app per object, which made validation the dearest step of a 5,000-item batch.
 *
 * It answers "valid" only when every rule passes; any doubt (an unknown key, a failed or async constraint)
 * answers false, and the caller runs validateSync for the exact errors. Load fails for a class using a kind of
 * rule this does not evaluate, so a new kind of decorator cannot be skipped silently.
 */
export function validityCheck(target: new () => object): (object: object) => boolean {
  const storage = getMetadataStorage();
  // The arguments class-validator's executor passes for validateSync(object, options without groups).
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) throw new Error(`${target.name} has no validation metadata`);
  const rules = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    if (!SUPPORTED.has(metadata.type) || metadata.each)
      throw new Error(`${target.name}.${metadata.propertyName}: rule "${metadata.type}" is not supported by validityCheck`);
    let property = rules.get(metadata.propertyName);
    if (!property) rules.set(metadata.propertyName, (property = { property: metadata.propertyName, conditions: [], checks: [] }));
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)
      property.conditions.push(metadata.constraints[0] as PropertyRules['conditions'][number]);
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION && metadata.type !== ValidationTypes.IS_DEFINED) continue;
    for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if (constraint.async)
        throw new Error(`${target.name}.${metadata.propertyName} has an async constraint: validityCheck is synchronous`);
      const instance = constraint.instance as { validate: PropertyRules['checks'][number]['validate'] };
      const args: ValidationArguments = {
        targetName: target.name,
        property: metadata.propertyName,
        object: {},
        value: undefined,
        constraints: metadata.constraints,
      };
      property.checks.push({ validateIf: metadata.validateIf, args, validate: instance.validate.bind(instance) });
    }
  }
  const properties = [...rules.values()];

  // Allocation-free per item (for...in, arguments reused): a 5,000-item batch otherwise makes ~100,000 objects.
  const hasOwn = Object.prototype.hasOwnProperty;
  return (object) => {
    for (const key in object) if (hasOwn.call(object, key) && !rules.has(key)) return false;
    properties: for (const { property, conditions, checks } of properties) {
      const value = (object as Record<string, unknown>)[property];
      for (const condition of conditions) if (!condition(object, value)) continue properties;
      for (const check of checks) {
        if (check.validateIf && !check.validateIf(object, value)) continue;
        check.args.object = object;
        check.args.value = value;
        const valid = check.validate(value, check.args);
        // A promise would be an async rule registered after load: let validateSync decide.
        if (!valid || typeof (valid as Promise<unknown>).then === 'function') return false;
      }
    }
    return true;
  };
}
