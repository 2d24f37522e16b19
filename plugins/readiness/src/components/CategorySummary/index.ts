export { CategorySummary } from './CategorySummary';
