export { CheckOccurrences } from './CheckOccurrences';
