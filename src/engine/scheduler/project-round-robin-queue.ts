/**
 * Waiters kept in one FIFO per project, taken from the projects in turn. A project that queues a hundred
 * requests then waits behind every other project's next request instead of ahead of all of them.
 */
export class ProjectRoundRobinQueue<Item> {
  // Map keeps insertion order: the first key is the project whose turn it is. A project that is served
  // moves to the back; a project whose FIFO empties leaves the rotation and rejoins at the back.
  readonly #queues = new Map<string, Item[]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(projectId: string, item: Item): void {
    const queue = this.#queues.get(projectId);
    if (queue === undefined) this.#queues.set(projectId, [item]);
    else queue.push(item);
    this.#size += 1;
  }

  /** The next item in round-robin order, or undefined when nothing waits. */
  shift(): Item | undefined {
    for (const [projectId, queue] of this.#queues) {
      const item = queue.shift();
      this.#queues.delete(projectId);
      if (item === undefined) continue;
      if (queue.length > 0) this.#queues.set(projectId, queue);
      this.#size -= 1;
      return item;
    }
    return undefined;
  }

  /** Takes one item out wherever it waits; false when it is not queued (already served or removed). */
  remove(projectId: string, item: Item): boolean {
    const queue = this.#queues.get(projectId);
    const index = queue === undefined ? -1 : queue.indexOf(item);
    if (queue === undefined || index === -1) return false;
    queue.splice(index, 1);
    // An emptied project leaves the rotation, so it cannot hold a turn it has nothing to spend on.
    if (queue.length === 0) this.#queues.delete(projectId);
    this.#size -= 1;
    return true;
  }

  sizeByProject(): Record<string, number> {
    // fromEntries defines own properties, so a project named "__proto__" is counted, not turned into a prototype.
    return Object.fromEntries([...this.#queues].map(([projectId, queue]) => [projectId, queue.length]));
  }
}
