export { makeIconChipStyles, OutlinedIconChip } from './OutlinedIconChip';
