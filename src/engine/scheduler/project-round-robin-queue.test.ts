import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectRoundRobinQueue } from './project-round-robin-queue.js';

function drain(queue: ProjectRoundRobinQueue<string>): string[] {
  const items: string[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) items.push(item);
  return items;
}

describe('ProjectRoundRobinQueue', () => {
  it('keeps each project first in, first out and takes projects in turn', () => {
    const queue = new ProjectRoundRobinQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('a', item);
    queue.push('b', 'b1');
    queue.push('c', 'c1');
    queue.push('b', 'b2');
    assert.equal(queue.size, 6);
    assert.deepEqual(drain(queue), ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    assert.equal(queue.size, 0);
    assert.equal(queue.shift(), undefined);
  });

  it('removes an item wherever it waits, and an emptied project leaves the rotation', () => {
    const queue = new ProjectRoundRobinQueue<string>();
    queue.push('a', 'a1');
    queue.push('b', 'b1');
    queue.push('a', 'a2');
    assert.equal(queue.remove('b', 'b1'), true);
    assert.equal(queue.remove('b', 'b1'), false);
    assert.equal(queue.remove('a', 'missing'), false);
    assert.deepEqual(queue.sizeByProject(), { a: 2 });
    queue.push('b', 'b2');
    assert.deepEqual(drain(queue), ['a1', 'b2', 'a2']);
  });

  it('counts a project whatever its name', () => {
    const queue = new ProjectRoundRobinQueue<string>();
    queue.push('__proto__', 'x');
    assert.equal(Object.getPrototypeOf(queue.sizeByProject()), Object.prototype);
    assert.equal(Object.keys(queue.sizeByProject()).length, 1);
  });
});
