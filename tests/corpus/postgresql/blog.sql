-- A blog engine's core tables: a native enum for the post status, partial and expression indexes,
-- a text[] of tags, a generated word count, threaded comments.

CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');

CREATE TABLE author (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle text COLLATE "C" NOT NULL,
    display_name text NOT NULL,
    bio text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX author_handle_lower_key ON author (lower(handle));
CREATE INDEX author_display_name_sort_idx ON author ((lower(display_name)) COLLATE "C");

CREATE TABLE post (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES author ON DELETE CASCADE,
    slug varchar(200) NOT NULL,
    title text NOT NULL,
    body text NOT NULL DEFAULT ''::text,
    status post_status NOT NULL DEFAULT 'draft',
    tags text[] NOT NULL DEFAULT '{}',
    word_count integer GENERATED ALWAYS AS (array_length(regexp_split_to_array(trim(body), '\s+'), 1)) STORED,
    published_at timestamptz,
    updated_at timestamp(3) without time zone,
    score numeric,
    UNIQUE (author_id, slug),
    CHECK (status <> 'published' OR published_at IS NOT NULL)
);
CREATE INDEX post_published_idx ON post (published_at DESC) WHERE status = 'published';
CREATE INDEX post_title_search_idx ON post (lower(title) text_pattern_ops, id);

CREATE TABLE comment (
    id bigserial PRIMARY KEY,
    post_id bigint NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    parent_id bigint REFERENCES comment (id) ON DELETE CASCADE,
    author_name varchar(80) NOT NULL,
    body text NOT NULL CHECK (length(body) > 0),
    is_approved boolean NOT NULL DEFAULT 'f',
    created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX comment_thread_idx ON comment (post_id, created_at DESC NULLS FIRST);
CREATE INDEX comment_pending_idx ON comment (post_id) WHERE NOT is_approved;

CREATE TABLE tag (
    id serial PRIMARY KEY,
    name varchar(50) NOT NULL,
    CONSTRAINT tag_name_unique UNIQUE (name)
);

CREATE TABLE post_tag (
    post_id bigint REFERENCES post ON DELETE CASCADE,
    tag_id integer REFERENCES tag ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);
