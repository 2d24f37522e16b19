export { UniqueEntityNamePicker } from './UniqueEntityNamePicker';
export { validateUniqueEntityName } from './validation';
export {
  UniqueEntityNamePickerFieldSchema,
  type UniqueEntityNamePickerOptions,
  type UniqueEntityNamePickerProps,
} from './schema';
