export * from './app-error';
export * from './context';
export * from './handle-command';
export { loadStream, type LoadedStream } from './load-stream';
export {
  lruStreamCache,
  loadThroughCache,
  currentThroughCache,
  type CachedStream,
  type StreamCache,
} from './stream-cache';
