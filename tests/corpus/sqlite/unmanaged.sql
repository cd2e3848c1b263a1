-- What tempest does not model on SQLite: views (one on another), triggers (one on a view), a
-- full-text index (an FTS5 virtual table with its shadow tables) and an R*Tree.

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  archived   BOOLEAN NOT NULL DEFAULT 0,
  updated_at TEXT
);

CREATE TABLE note_history (
  id         INTEGER PRIMARY KEY,
  note_id    INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  old_body   TEXT,
  changed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE VIEW active_notes AS SELECT id, title, body FROM notes WHERE NOT archived;
CREATE VIEW "recent notes" AS
  SELECT * FROM active_notes ORDER BY id DESC LIMIT 10;

CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes
BEGIN
  UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id;
  INSERT INTO note_history (note_id, old_body) VALUES (OLD.id, OLD.body);
END;

CREATE TRIGGER active_notes_insert INSTEAD OF INSERT ON active_notes
BEGIN
  INSERT INTO notes (title, body) VALUES (NEW.title, NEW.body);
END;

-- Full-text search over the notes, kept in step by a trigger.
CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content='notes', content_rowid='id');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE note_locations USING rtree(id, min_x, max_x, min_y, max_y);
