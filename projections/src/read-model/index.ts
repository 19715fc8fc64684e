export type { ReadModelError } from './query';
export { maxPageSize, type Page, type PageRequest } from './page';
