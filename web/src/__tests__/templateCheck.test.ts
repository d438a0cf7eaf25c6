// The literal-text checker finds planted violations and lets translated text through.
import { describe, expect, it } from 'vitest';
import { findLiteralTexts, templateOf } from '../lib/templateCheck';

const wrap = (template: string, script = '') => `<script setup lang="ts">\n${script}\n</script>\n\n<template>\n${template}\n</template>\n`;

describe('findLiteralTexts', () => {
  it('finds an English text node', () => {
    const v = findLiteralTexts(wrap('<div>\n  <span>Save</span>\n</div>'));
    expect(v).toEqual([{ line: 7, kind: 'text', text: 'Save' }]);
  });

  it('finds a Chinese text node', () => {
    const v = findLiteralTexts(wrap('<el-button>保存</el-button>'));
    expect(v.map((x) => x.text)).toEqual(['保存']);
  });

  it('finds text beside an interpolation', () => {
    const v = findLiteralTexts(wrap("<p>{{ t('a') }} households</p>"));
    expect(v).toHaveLength(1);
    expect(v[0].kind).toBe('text');
  });

  it('finds an unbound label attribute', () => {
    const v = findLiteralTexts(wrap('<el-table-column prop="name" label="Name" />'));
    expect(v).toEqual([{ line: 6, kind: 'attribute', text: 'label="Name"' }]);
  });

  it('finds unbound placeholder and title attributes', () => {
    const v = findLiteralTexts(wrap('<el-input placeholder="请输入" />\n<span title="Hint">{{ x }}</span>'));
    expect(v.map((x) => x.text)).toEqual(['placeholder="请输入"', 'title="Hint"']);
  });

  it('finds a literal message in the script', () => {
    const v = findLiteralTexts(wrap('<div />', "ElMessage.success('Saved');"));
    expect(v.map((x) => x.kind)).toEqual(['script']);
  });

  it('passes interpolations and bound attributes', () => {
    const src = wrap(
      `<el-table-column prop="name" :label="t('x.name')" type="selection" />
<el-input v-model="q" :placeholder="t('x.q')" data-test="filter-name" />
<span :title="row.a">{{ a < b ? t('x.y') : 'raw' }}</span>
<el-button type="primary" size="small" @click="go('Label')">{{ t('x.go') }}</el-button>`,
      "ElMessage.success(t('x.saved'));",
    );
    expect(findLiteralTexts(src)).toEqual([]);
  });

  it('passes punctuation, numbers and comments', () => {
    const src = wrap('<span>{{ a }}/{{ b }} · 100%</span>\n<!-- a comment with words -->\n<span>&nbsp;—</span>');
    expect(findLiteralTexts(src)).toEqual([]);
  });

  it('checks text inside nested slot templates', () => {
    const src = wrap('<el-table-column>\n<template #default="{ row }">Open</template>\n</el-table-column>');
    expect(findLiteralTexts(src).map((x) => x.text)).toEqual(['Open']);
  });

  it('does not mistake a quoted > in an attribute for the end of the tag', () => {
    const src = wrap('<span v-if="a > b" label="Bad">{{ x }}</span>');
    expect(findLiteralTexts(src).map((x) => x.text)).toEqual(['label="Bad"']);
  });
});

describe('templateOf', () => {
  it('returns null without a template', () => {
    expect(templateOf('<script>const a = 1;</script>')).toBeNull();
  });
});
