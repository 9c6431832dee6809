import { describe, expect, it } from 'vitest';
import { intParam, offsetAfterRemoval, pageInfo } from './pagination';

describe('pageInfo', () => {
  it('describes the first, middle and last page', () => {
    expect(pageInfo(0, 25, 60)).toMatchObject({ page: 1, pages: 3, from: 1, to: 25, hasPrev: false, hasNext: true, nextOffset: 25 });
    expect(pageInfo(25, 25, 60)).toMatchObject({ page: 2, from: 26, to: 50, hasPrev: true, hasNext: true, prevOffset: 0 });
    expect(pageInfo(50, 25, 60)).toMatchObject({ page: 3, from: 51, to: 60, hasNext: false, lastOffset: 50 });
  });
  it('handles empty and exact fits', () => {
    expect(pageInfo(0, 25, 0)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, hasPrev: false, hasNext: false });
    expect(pageInfo(0, 25, 25)).toMatchObject({ pages: 1, hasNext: false });
    expect(pageInfo(0, 25, 26)).toMatchObject({ pages: 2, hasNext: true });
  });
  it('uses the count actually shown when given', () => {
    expect(pageInfo(0, 25, 60, 3)).toMatchObject({ from: 1, to: 3 });
  });
});

describe('intParam and removal', () => {
  it('reads only non-negative integers', () => {
    expect(intParam('50', 0)).toBe(50);
    expect(intParam(null, 7)).toBe(7);
    expect(intParam('-3', 0)).toBe(0);
    expect(intParam('abc', 25)).toBe(25);
    expect(intParam('9999', 25, 500)).toBe(500);
  });
  it('steps back a page when the last item of the last page goes', () => {
    expect(offsetAfterRemoval(50, 25, 50)).toBe(25);
    expect(offsetAfterRemoval(25, 25, 60)).toBe(25);
    expect(offsetAfterRemoval(0, 25, 0)).toBe(0);
  });
});
