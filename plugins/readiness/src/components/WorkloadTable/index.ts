export { WorkloadTable } from './WorkloadTable';
