export { ChecksCatalog } from './ChecksCatalog';
