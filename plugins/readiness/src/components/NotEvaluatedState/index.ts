export { NotEvaluatedState } from './NotEvaluatedState';
