export { DeferUntilVisible } from './DeferUntilVisible';
