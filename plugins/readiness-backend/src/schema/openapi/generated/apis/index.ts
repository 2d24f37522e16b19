export * from './Api.server';
