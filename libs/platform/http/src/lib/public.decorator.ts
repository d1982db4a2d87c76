import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tsunagu:isPublic';

/** Marks a route or controller as reachable without a token. Everything else is guarded. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
