-- The core of a blog engine, written by hand for SQLite 3.37 or later.
pragma foreign_keys = on;

create table authors (
  id            integer primary key,            -- the rowid
  "display name" text not null,
  email         text not null collate nocase,
  bio           text default (''),
  is_admin      boolean not null default false,
  created_at    datetime not null default current_timestamp
);
create unique index authors_email on authors (email);

create table posts (
  id           integer primary key autoincrement,
  author_id    integer not null references authors on delete cascade,
  slug         text not null collate nocase unique,
  title        text not null,
  body         text not null default '',
  status       text not null default 'draft'
                 check (status in ('draft', 'published', 'archived')),
  word_count   integer generated always as (length(body) - length(replace(body, ' ', '')) + 1) virtual,
  published_at datetime,
  updated_at   datetime,
  constraint posts_published_has_date check (status <> 'published' or published_at is not null)
);
-- The front page: newest published posts first.
create index posts_front_page on posts (published_at desc) where status = 'published';
create index posts_title_search on posts (lower(title), author_id);

create table comments (
  id          integer primary key,
  post_id     integer not null references posts (id) on delete cascade,
  parent_id   integer references comments (id) on delete cascade,   -- threaded replies
  author_name varchar(80) not null,
  body        text not null check (length(body) > 0),
  is_spam     bool not null default 0,
  created_at  datetime not null default (datetime('now'))
);
create index comments_by_post on comments (post_id, created_at);

create table tags (
  id   integer primary key,
  name text not null unique collate nocase,
  Slug TEXT NOT NULL,
  UNIQUE (Slug)
);

CREATE TABLE post_tags (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX post_tags_by_tag ON post_tags (tag_id);
