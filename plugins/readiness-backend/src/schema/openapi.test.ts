import {
  JSON_CONTENT_TYPES,
  YAML_CONTENT_TYPES,
} from '../service/evaluateBody';
import { spec } from './openapi';

describe('the OpenAPI spec', () => {
  it('lets POST /evaluate take every content type the route reads', () => {
    const accepted = Object.keys(
      spec.paths['/evaluate'].post.requestBody.content,
    );
    expect(accepted.sort()).toEqual(
      [...JSON_CONTENT_TYPES, ...YAML_CONTENT_TYPES].sort(),
    );
  });
});
