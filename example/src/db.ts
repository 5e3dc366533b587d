import Database from 'better-sqlite3';

export interface Note {
  id: number;
  title: string;
  body: string;
  /** ISO 8601 timestamp (UTC) of creation. */
  createdAt: string;
  /** ISO 8601 timestamp (UTC) of the last change; equals createdAt until the first update. */
  updatedAt: string;
}

export interface NoteInput {
  title: string;
  body: string;
}

export interface ListOptions {
  limit: number;
  offset: number;
}

export interface NotePage {
  notes: Note[];
  total: number;
}

export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 10_000;

interface NoteRow {
  id: number;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/**
 * Schema migrations, applied in order. `PRAGMA user_version` records how many have run, so
 * append new steps and never edit a released one. Lengths are checked with SQLite's
 * length(), which counts characters (code points) like the HTTP layer's validation does.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE notes (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND ${TITLE_MAX_LENGTH}),
     body       TEXT NOT NULL CHECK (length(body) <= ${BODY_MAX_LENGTH}),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) STRICT`,
];

const COLUMNS = 'id, title, body, created_at, updated_at';

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Persistent notes over one SQLite connection. Every method is synchronous. */
export class NotesStore {
  readonly #db: Database.Database;
  readonly #now: () => Date;
  readonly #insert: Database.Statement<[string, string, string, string], NoteRow>;
  readonly #update: Database.Statement<[string, string, string, number], NoteRow>;
  readonly #delete: Database.Statement<[number]>;
  readonly #get: Database.Statement<[number], NoteRow>;
  readonly #list: Database.Statement<[number, number], NoteRow>;
  readonly #count: Database.Statement<[], { total: number }>;
  readonly #ping: Database.Statement<[], { ok: number }>;

  /**
   * Opens (creating if needed) the database at `path` and brings its schema up to date.
   * The parent directory must exist. `now` is the clock used for timestamps.
   */
  constructor(path: string, options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)
       RETURNING ${COLUMNS}`,
    );
    this.#update = db.prepare(
      `UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`,
    );
    this.#delete = db.prepare('DELETE FROM notes WHERE id = ?');
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM notes WHERE id = ?`);
    this.#list = db.prepare(`SELECT ${COLUMNS} FROM notes ORDER BY id LIMIT ? OFFSET ?`);
    this.#count = db.prepare('SELECT count(*) AS total FROM notes');
    this.#ping = db.prepare('SELECT 1 AS ok');
  }

  /** The schema version the database is at (the number of migrations applied). */
  get schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  /** The journal mode in effect ("wal" for files, "memory" for ":memory:"). */
  get journalMode(): string {
    return this.#db.pragma('journal_mode', { simple: true }) as string;
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  create(input: NoteInput): Note {
    const now = this.#now().toISOString();
    const row = this.#insert.get(input.title, input.body, now, now);
    if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
    return toNote(row);
  }

  get(id: number): Note | undefined {
    const row = this.#get.get(id);
    return row === undefined ? undefined : toNote(row);
  }

  /** One page of notes in creation (id) order, with the total number of notes. */
  list(options: ListOptions): NotePage {
    const read = this.#db.transaction((): NotePage => {
      const notes = this.#list.all(options.limit, options.offset).map(toNote);
      const total = this.#count.get()?.total ?? 0;
      return { notes, total };
    });
    return read();
  }

  /** Replaces a note's title and body; returns undefined when there is no such note. */
  update(id: number, input: NoteInput): Note | undefined {
    const row = this.#update.get(input.title, input.body, this.#now().toISOString(), id);
    return row === undefined ? undefined : toNote(row);
  }

  /** Deletes a note; returns whether it existed. */
  delete(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** Runs a trivial query; throws if the database is unusable. */
  ping(): void {
    if (this.#ping.get()?.ok !== 1) throw new Error('database ping returned an unexpected result');
  }

  /** Closes the connection (checkpointing the WAL). Safe to call more than once. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${version} is newer than this service supports (${MIGRATIONS.length})`,
      );
    }
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      db.exec(sql);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  // IMMEDIATE takes the write lock up front, so two processes starting together cannot both migrate.
  apply.immediate();
}
