import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The field's value and `ui:options`, also shown in the template editor. */
export const UniqueEntityNamePickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      kind: z
        .string()
        .optional()
        .describe('Kind of the entity the template creates; default Component'),
      namespace: z
        .string()
        .optional()
        .describe('Catalog namespace of the new entity; default "default"'),
    }),
});

export type UniqueEntityNamePickerProps =
  typeof UniqueEntityNamePickerFieldSchema.TProps;
export type UniqueEntityNamePickerOptions =
  typeof UniqueEntityNamePickerFieldSchema.uiOptionsType;
