import { GraphQLError } from 'graphql';

/** A `BAD_USER_INPUT` error that names the argument or input field at fault. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}
