import { JSON_SHAPE_LIMITS, jsonShapeError } from './json-shape';

const check = (text: string, limits = { maxDepth: 4, maxArrayItems: 3, maxObjectKeys: 2, maxMembers: 10 }) =>
  jsonShapeError(Buffer.from(text), limits);

describe(jsonShapeError.name, () => {
  it('names the array with too many items, the object with too many keys, and the place nesting goes too deep', () => {
    expect(check('{"a":1,"tags":["x","y","z","w"]}')).toEqual({ field: 'tags', message: 'has more than 3 items' });
    expect(check('{"a":{"b":{"c":1,"d":2,"e":3}}}')).toEqual({ field: 'a.b', message: 'has more than 2 keys' });
    expect(check('{"a":1,"b":2,"c":3}')).toEqual({ field: '', message: 'has more than 2 keys' });
    expect(check('{"list":[{"a":1},{"b":[[[1]]]}]}')).toEqual({ field: 'list[1].b[0]', message: 'is nested more than 4 levels deep' });
    expect(check('[[1,2],[1,2],[1,2]]', { maxDepth: 9, maxArrayItems: 9, maxObjectKeys: 9, maxMembers: 4 })).toEqual({
      field: '',
      message: 'has more than 4 values in all',
    });
  });

  it('reads punctuation inside strings and keys as text, escaped quotes included', () => {
    expect(check('{"a\\"[{,,,":"],[,,{{{{\\\\","b":"\\"}"}')).toBeUndefined();
    expect(check('{"k\\u00e9y":{"x":1,"y":2,"z":3}}')).toEqual({ field: 'kéy', message: 'has more than 2 keys' });
    expect(check('{"ünï":["😀,","[","{",","]}')).toEqual({ field: 'ünï', message: 'has more than 3 items' });
  });

  it('passes ordinary and malformed bodies alike (JSON.parse judges syntax)', () => {
    expect(check('{"a":[1,2,3],"b":{"c":[{},{}]}}')).toBeUndefined();
    expect(check('{"a":[1,2,3')).toBeUndefined();
    expect(check(']]]}}},,')).toBeUndefined();
    expect(check('"unterminated')).toBeUndefined();
  });

  it('refuses the bodies of the issue by their first excess', () => {
    expect(jsonShapeError(Buffer.from(`{"x":[${'{},'.repeat(1_500_000)}{}]}`))).toEqual({
      field: 'x',
      message: `has more than ${JSON_SHAPE_LIMITS.maxArrayItems} items`,
    });
    expect(jsonShapeError(Buffer.from(`{"tags":[${'"a",'.repeat(1_900_000)}"a"]}`))).toEqual({
      field: 'tags',
      message: `has more than ${JSON_SHAPE_LIMITS.maxArrayItems} items`,
    });
  });
});
