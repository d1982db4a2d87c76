import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainErrorCode, DomainException, type FieldErrors } from '@tsunagu/platform-errors';

function collect(errors: ValidationError[], parent: string, into: FieldErrors): FieldErrors {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      const messages = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? `${path} is not a known field` : message,
      );
      into[path] = messages.join('; ');
    }
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/** Maps class-validator results to field errors. */
export function fieldErrors(errors: ValidationError[]): FieldErrors {
  return collect(errors, '', {});
}

/**
 * The one validation pipe of every service: unknown fields are rejected (mass assignment, OWASP API3),
 * values are converted to the DTO's types, and every invalid field is named in the problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const errorsByField = fieldErrors(errors);
      const fields = Object.keys(errorsByField);
      return new DomainException(DomainErrorCode.ValidationFailed, `Invalid field(s): ${fields.join(', ')}`, {
        errors: errorsByField,
      });
    },
  });
}
