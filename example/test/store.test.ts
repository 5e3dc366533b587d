import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { NotesStore } from '../src/db.js';
import { makeTempDir, steppingClock } from './helpers.js';

describe('NotesStore (in memory)', () => {
  let store: NotesStore;

  beforeEach(() => {
    store = new NotesStore(':memory:', { now: steppingClock() });
  });
  afterEach(() => store.close());

  it('migrates a new database to the current schema', () => {
    assert.equal(store.schemaVersion, 1);
    assert.equal(store.journalMode, 'memory');
    assert.deepEqual(store.list({ limit: 10, offset: 0 }), { notes: [], total: 0 });
  });

  it('creates notes with ids and timestamps', () => {
    const first = store.create({ title: 'First', body: 'hello' });
    const second = store.create({ title: 'Second', body: '' });
    assert.deepEqual(first, {
      id: 1,
      title: 'First',
      body: 'hello',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    });
    assert.equal(second.id, 2);
    assert.equal(second.createdAt, '2024-01-01T00:00:01.000Z');
  });

  it('gets a note by id and returns undefined for unknown ids', () => {
    const note = store.create({ title: 'T', body: 'B' });
    assert.deepEqual(store.get(note.id), note);
    assert.equal(store.get(note.id + 1), undefined);
  });

  it('lists notes in creation order, a page at a time, with the total', () => {
    const notes = ['a', 'b', 'c', 'd', 'e'].map((title) => store.create({ title, body: '' }));
    assert.deepEqual(store.list({ limit: 10, offset: 0 }), { notes, total: 5 });
    assert.deepEqual(store.list({ limit: 2, offset: 0 }).notes, notes.slice(0, 2));
    assert.deepEqual(store.list({ limit: 2, offset: 3 }).notes, notes.slice(3));
    assert.deepEqual(store.list({ limit: 2, offset: 9 }), { notes: [], total: 5 });
  });

  it('updates title, body and updatedAt but not createdAt', () => {
    const note = store.create({ title: 'Old', body: 'old body' });
    const updated = store.update(note.id, { title: 'New', body: 'new body' });
    assert.deepEqual(updated, {
      id: note.id,
      title: 'New',
      body: 'new body',
      createdAt: note.createdAt,
      updatedAt: '2024-01-01T00:00:01.000Z',
    });
    assert.deepEqual(store.get(note.id), updated);
  });

  it('returns undefined when updating an unknown note', () => {
    assert.equal(store.update(42, { title: 'x', body: '' }), undefined);
    assert.equal(store.list({ limit: 10, offset: 0 }).total, 0);
  });

  it('deletes notes and reports whether they existed', () => {
    const keep = store.create({ title: 'keep', body: '' });
    const drop = store.create({ title: 'drop', body: '' });
    assert.equal(store.delete(drop.id), true);
    assert.equal(store.delete(drop.id), false);
    assert.equal(store.get(drop.id), undefined);
    assert.deepEqual(store.list({ limit: 10, offset: 0 }), { notes: [keep], total: 1 });
  });

  it('never reuses the id of a deleted note', () => {
    const note = store.create({ title: 'a', body: '' });
    store.delete(note.id);
    assert.equal(store.create({ title: 'b', body: '' }).id, note.id + 1);
  });

  it('enforces the length limits in the schema too', () => {
    assert.throws(() => store.create({ title: '', body: '' }), /CHECK constraint failed/);
    assert.throws(() => store.create({ title: 'x'.repeat(201), body: '' }), /CHECK constraint/);
    assert.throws(() => store.create({ title: 'x', body: 'y'.repeat(10_001) }), /CHECK constraint/);
    // Lengths are in characters: 200 astral characters (400 UTF-16 units) fit.
    const emoji = '\u{1F4DD}'.repeat(200);
    assert.equal(store.create({ title: emoji, body: '' }).title, emoji);
    assert.equal(store.list({ limit: 10, offset: 0 }).total, 1);
  });

  it('pings while open, throws once closed, and closes idempotently', () => {
    store.ping();
    assert.equal(store.isOpen, true);
    store.close();
    assert.equal(store.isOpen, false);
    assert.throws(() => store.ping(), /not open/);
    store.close();
  });
});

describe('NotesStore (on disk)', () => {
  let temp: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('persists notes across close and reopen', () => {
    const path = join(temp.dir, 'notes.db');
    const first = new NotesStore(path);
    assert.equal(first.journalMode, 'wal');
    const kept = first.create({ title: 'kept', body: 'survives a restart' });
    const changed = first.create({ title: 'before', body: '' });
    const removed = first.create({ title: 'removed', body: '' });
    const updated = first.update(changed.id, { title: 'after', body: 'edited' });
    first.delete(removed.id);
    first.close();
    // A clean close checkpoints the WAL into the main file.
    assert.equal(existsSync(`${path}-wal`), false);

    const second = new NotesStore(path);
    try {
      assert.equal(second.schemaVersion, 1);
      assert.deepEqual(second.get(kept.id), kept);
      assert.deepEqual(second.get(changed.id), updated);
      assert.equal(second.get(removed.id), undefined);
      assert.deepEqual(second.list({ limit: 10, offset: 0 }), { notes: [kept, updated], total: 2 });
      assert.equal(second.create({ title: 'next', body: '' }).id, removed.id + 1);
    } finally {
      second.close();
    }
  });

  it('refuses a database whose schema is newer than it knows', () => {
    const path = join(temp.dir, 'future.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(() => new NotesStore(path), /schema version 99 is newer/);
  });

  it('fails clearly when the directory does not exist', () => {
    assert.throws(
      () => new NotesStore(join(temp.dir, 'missing', 'notes.db')),
      /directory does not exist/,
    );
  });
});
