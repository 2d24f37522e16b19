export { readinessModuleDemoChecks as default } from './module';
