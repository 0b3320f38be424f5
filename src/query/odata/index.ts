export { parseListOptions, type ListOptions, type RawQuery } from './list-options.ts';
export { parseFilter, type ParsedFilter } from './filter-parser.ts';
export { parseFilterSyntax } from './filter-syntax.ts';
export { printFilterAst, type FilterNode } from './filter-ast.ts';
export { ODataError, type ODataErrorCode } from './odata-error.ts';
