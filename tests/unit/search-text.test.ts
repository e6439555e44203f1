import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src-shared/domain/search-text';

describe('foldForSearch', () => {
  it('removes accents', () => {
    expect(foldForSearch('Zoë')).toBe('zoe');
    expect(foldForSearch('Ó Súilleabháin')).toBe('o suilleabhain');
    expect(foldForSearch('Chloé Brontë')).toBe('chloe bronte');
    expect(foldForSearch('Łucja')).not.toMatch(/[A-Z]/);
  });

  it('treats precomposed and combining accents alike', () => {
    expect(foldForSearch('Zo\u00eb')).toBe(foldForSearch('Zoe\u0308'));
    expect(foldForSearch('Zoe\u0308')).toBe('zoe');
  });

  it('ignores case', () => {
    expect(foldForSearch('MCDONALD')).toBe('mcdonald');
    expect(foldForSearch('McDonald')).toBe(foldForSearch('mcdonald'));
  });

  it('collapses and trims whitespace', () => {
    expect(foldForSearch('  Anne   Marie\tSmith\n')).toBe('anne marie smith');
    expect(foldForSearch('   ')).toBe('');
  });

  it('keeps hyphens, apostrophes and digits', () => {
    expect(foldForSearch("O'Brien-Smyth 2nd")).toBe("o'brien-smyth 2nd");
  });
});
