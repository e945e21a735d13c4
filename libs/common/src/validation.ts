import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, validateSync } from 'class-validator';
import { FieldError, ValidationException } from './app.exception';
import { JSON_SHAPE_LIMITS } from './json-shape';

/** Flattens nested class-validator errors into `{field: "socialAccounts[0].followers", message}`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property \S+ /, '') }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const MAX_DEPTH = JSON_SHAPE_LIMITS.maxDepth;

/**
 * The first part of a request value that must not reach class-transformer or PostgreSQL: a NUL character
 * (text and jsonb cannot hold U+0000), or nesting deeper than any body of this API (class-transformer
 * recurses and overflows the stack around 2,000 levels). `field` is '' for the value itself.
 */
export function unsafeInput(value: unknown, path = '', depth = 0): FieldError | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? { field: path, message: 'must not contain the NUL character (U+0000)' } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { field: path, message: `is nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = key.includes('\u0000')
      ? { field: at, message: 'must not contain the NUL character (U+0000)' }
      : unsafeInput(inner, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** What ValidationPipe itself leaves alone (`body: unknown` arrives as Object). */
const UNCHECKED_TYPES: Type[] = [String, Boolean, Number, Array, Object, Buffer, Date];
const knownFields = new WeakMap<Type, Set<string>>();

/** The properties a body class declares (any class-validator decorator), as class-validator's whitelist sees them. */
function fieldsOf(metatype: Type): Set<string> {
  let fields = knownFields.get(metatype);
  if (!fields) {
    fields = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(metatype, '', false, false)
        .map((m) => m.propertyName),
    );
    knownFields.set(metatype, fields);
  }
  return fields;
}

/** A JSON object (not an array, not null): what a body class describes. */
const isPlainObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The top-level fields of a body its class does not declare, found by their names alone: the whitelist
 * would refuse them too, but only after unsafeInput, class-transformer and class-validator had walked
 * whatever they hold.
 */
function unknownFields(value: unknown, { type, metatype }: ArgumentMetadata): FieldError[] {
  if (type !== 'body' || !metatype || UNCHECKED_TYPES.includes(metatype) || !isPlainObject(value)) return [];
  const fields = fieldsOf(metatype);
  return Object.keys(value)
    .filter((key) => !fields.has(key))
    .map((field) => ({ field, message: 'should not exist' }));
}

const shallowBodies = new WeakSet<object>();

/**
 * A body class whose array fields hold thousands of plain items that the handler validates one by one,
 * letting the event loop in between (conversions batch): the pipe checks the class's own rules on the
 * received object as it is, without class-transformer's synchronous deep copy of every item (100 ms and
 * more for 5,000). Its properties must need no transformation, and its nested values stay plain objects.
 */
export function ShallowBody(): ClassDecorator {
  return (target) => void shallowBodies.add(target);
}

/**
 * Refuses undeclared top-level fields and unsafe input (unsafeInput) with a 400 naming the field. With
 * undeclared fields, the declared ones are still validated, without the others, so the answer names
 * every problem as before while nothing walks what the undeclared fields hold.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const unknown = unknownFields(value, metadata);
    if (unknown.length) {
      const undeclared = new Set(unknown.map((u) => u.field));
      const declared = Object.fromEntries(Object.entries(value as object).filter(([key]) => !undeclared.has(key)));
      const others = await this.transform(declared, metadata).then(
        () => [],
        (error: unknown) => (error instanceof ValidationException ? (error.errors ?? []) : Promise.reject(error)),
      );
      throw new ValidationException([...unknown, ...others]);
    }
    const unsafe = unsafeInput(value);
    if (unsafe) throw new ValidationException([{ field: unsafe.field || metadata.data || metadata.type, message: unsafe.message }]);
    if (metadata.metatype && shallowBodies.has(metadata.metatype) && isPlainObject(value)) {
      const body = Object.assign(new metadata.metatype(), value) as object;
      const errors = validateSync(body, this.validatorOptions);
      if (errors.length) throw this.exceptionFactory(errors);
      return body;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flattenValidationErrors(errors)),
  });
}

/** Body of an action that takes no input: any field sent is refused (400), as in every other body. */
export class EmptyBody {}
