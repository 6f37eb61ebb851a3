import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Blocklist, BlocklistItem } from '../policy/content-filter-policy.js';
import {
  checkBlocklistItem,
  compileBlocklists,
  MAX_BLOCKLIST_ITEM_CHARACTERS,
  MAX_BLOCKLIST_ITEMS,
} from './compile-blocklists.js';

function list(name: string, items: BlocklistItem[]): Blocklist {
  return { projectId: 'project-1', name, description: '', items };
}

const term = (pattern: string): BlocklistItem => ({ pattern, regex: false });
const regex = (pattern: string): BlocklistItem => ({ pattern, regex: true });

describe('compileBlocklists', () => {
  const matcher = compileBlocklists([
    list('codenames', [term('Project Nightingale'), term('falcon')]),
    list('ids', [regex('\\bTICKET-\\d{4}\\b')]),
    list('competitors', [term('Globex')]),
  ]);

  it('keeps the list names in order', () => {
    assert.deepEqual(matcher.names, ['codenames', 'ids', 'competitors']);
  });

  it('matches terms as whole words and phrases, whatever the case and spacing', () => {
    assert.deepEqual(matcher.match('Any news on project   NIGHTINGALE?'), ['codenames']);
    assert.deepEqual(matcher.match('The Falcon has landed.'), ['codenames']);
    assert.deepEqual(matcher.match('Falconry is an old art; a nightingale sings.'), []);
  });

  it('matches terms through obfuscation', () => {
    for (const text of ['f4lc0n', 'f a l c o n', 'f.a.l.c.o.n', 'ｆａｌｃｏｎ', 'fаlcon', 'faaalcon', 'fa1con']) {
      assert.deepEqual(matcher.match(text), ['codenames'], text);
    }
  });

  it('matches regular expressions on the raw text, case-insensitively, and reports lists in list order', () => {
    assert.deepEqual(matcher.match('see ticket-1234'), ['ids']);
    assert.deepEqual(matcher.match('ticket 1234'), []);
    assert.deepEqual(matcher.match('Globex bought TICKET-9876 from the falcon team'), [
      'codenames',
      'ids',
      'competitors',
    ]);
  });

  it('skips items that checkBlocklistItem refuses, and items past the cap', () => {
    const items = [
      regex('(a+)+$'),
      term(''),
      ...Array.from({ length: MAX_BLOCKLIST_ITEMS }, (_, index) => term(`word${index}`)),
    ];
    items.push(term('beyond'));
    const capped = compileBlocklists([list('big', items)]);
    assert.deepEqual(capped.match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), []);
    assert.deepEqual(capped.match('word9997'), ['big']);
    assert.deepEqual(capped.match('beyond'), []);
  });

  it('matches nothing with no lists', () => {
    const empty = compileBlocklists([]);
    assert.deepEqual(empty.names, []);
    assert.deepEqual(empty.match('anything at all'), []);
  });
});

describe('checkBlocklistItem', () => {
  it('accepts ordinary terms and regular expressions', () => {
    assert.equal(checkBlocklistItem(term('secret project')), undefined);
    assert.equal(checkBlocklistItem(regex('\\b\\d{3}-\\d{4}\\b')), undefined);
    assert.equal(checkBlocklistItem(regex('(?:foo|bar)+baz')), undefined);
  });

  it('refuses empty and overlong items', () => {
    assert.match(checkBlocklistItem(term('   ')) ?? '', /must not be empty/);
    assert.match(
      checkBlocklistItem(term('x'.repeat(MAX_BLOCKLIST_ITEM_CHARACTERS + 1))) ?? '',
      /at most 200 characters; this one has 201/,
    );
    assert.match(checkBlocklistItem(term('!!!')) ?? '', /no letters or digits/);
  });

  it('says why a regular expression is refused', () => {
    assert.match(checkBlocklistItem(regex('[abc')) ?? '', /does not compile: .*Unterminated character class/);
    assert.match(checkBlocklistItem(regex('(a+)+')) ?? '', /nested quantifier .* exponential time/);
    assert.match(checkBlocklistItem(regex('(\\w+\\s?)*$')) ?? '', /nested quantifier/);
    assert.match(checkBlocklistItem(regex('((ab)*c)+')) ?? '', /nested quantifier/);
    assert.match(checkBlocklistItem(regex('(a)\\1')) ?? '', /backreference/);
    assert.match(checkBlocklistItem(regex('(?<word>a)\\k<word>')) ?? '', /backreference/);
    assert.match(checkBlocklistItem(regex('a*')) ?? '', /matches the empty text/);
  });

  it('does not mistake escaped or bracketed characters for groups and quantifiers', () => {
    assert.equal(checkBlocklistItem(regex('\\(a+\\)+')), undefined);
    assert.equal(checkBlocklistItem(regex('[(a+)]+')), undefined);
  });
});
