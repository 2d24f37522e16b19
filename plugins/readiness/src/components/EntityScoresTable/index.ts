export { EntityScoresTable } from './EntityScoresTable';
