export { MissingWorkloadsNotice } from './MissingWorkloadsNotice';
