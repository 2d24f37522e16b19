export { scaffolderModuleDemoActions as default } from './module';
