export { parseListOptions, type ListOptions, type RawQuery } from './list-options.ts';
export { parseFilter, type ParsedFilter } from './filter-parser.ts';
export { ODataError, type ODataErrorCode } from './odata-error.ts';
