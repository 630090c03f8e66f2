/** Routes parse every query and body with the contract's schemas through this. */
export { parseOrInvalid as parseOr400 } from '../domain/validate';
