export { StatusChip, STATUS_ICONS, STATUS_LABELS } from './StatusChip';
