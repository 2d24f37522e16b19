export { readinessModuleDemoClusters as default } from './module';
