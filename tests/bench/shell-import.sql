-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The baseline for the import benchmark: the sqlite3 shell importing the
-- same bundle into a copy of an empty Myelin library (so the same tables,
-- indexes, triggers and FTS5 index), in one transaction, with
-- json_each (readfile (…)). It validates nothing: it is the floor that
-- SQLite alone sets. bench-import.py replaces @BUNDLE@ with the quoted path.
.bail on
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
BEGIN IMMEDIATE;
CREATE TEMP TABLE src AS SELECT readfile(@BUNDLE@) AS j;
INSERT INTO bundles (id, title, revision, publisher, language, published, homepage, disclaimer, imported)
  SELECT j->>'$.bundle.id', j->>'$.bundle.title', j->>'$.bundle.revision', j->>'$.bundle.publisher',
         coalesce (j->>'$.bundle.language', 'en'), j->>'$.bundle.published', j->>'$.bundle.homepage',
         j->>'$.bundle.disclaimer', strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM src;
INSERT INTO articles (bundle, id, hash, title, sort_title, published, updated, teaser, credibility, interest,
                      key_takeaway, what_they_found, who_should_care, important_considerations, topics, topics_text,
                      source_journal, source_title, source_authors, source_year, source_doi, source_url, source_design,
                      source_participants, source_studies, source_text, related, image_path, image_alt,
                      review_ai_generated, review_reviewed_by, review_reviewed, review_next_review,
                      retracted, retracted_date, retracted_note, retracted_url)
  SELECT (SELECT j->>'$.bundle.id' FROM src), e.value->>'id', hex (sha3 (e.value, 256)),
         e.value->>'title', lower (e.value->>'title'), e.value->>'published', e.value->>'updated',
         coalesce (e.value->>'teaser', e.value->>'key_takeaway'),
         e.value->>'credibility', e.value->>'interest', e.value->>'key_takeaway', e.value->>'what_they_found',
         e.value->>'who_should_care', e.value->>'important_considerations', e.value->'topics',
         (SELECT group_concat (t.value, char(10)) FROM json_each (e.value, '$.topics') t),
         e.value->>'$.source.journal', e.value->>'$.source.title', e.value->'$.source.authors',
         e.value->>'$.source.year', e.value->>'$.source.doi', e.value->>'$.source.url',
         e.value->>'$.source.design', e.value->>'$.source.participants', e.value->>'$.source.studies',
         CASE WHEN e.value->'$.source.journal' IS NULL AND e.value->'$.source.title' IS NULL THEN NULL
           ELSE coalesce (e.value->>'$.source.journal', '') || char(10) || coalesce (e.value->>'$.source.title', '') END,
         e.value->'related', e.value->>'$.image.path', e.value->>'$.image.alt',
         e.value->>'$.review.ai_generated', e.value->>'$.review.reviewed_by', e.value->>'$.review.reviewed',
         e.value->>'$.review.next_review',
         e.value->'retracted' IS NOT NULL, e.value->>'$.retracted.date', e.value->>'$.retracted.note',
         e.value->>'$.retracted.url'
  FROM src, json_each (src.j, '$.articles') e;
INSERT INTO topics (key, name)
  SELECT lower (t.value), t.value FROM articles a, json_each (a.topics) t
  WHERE a.bundle = (SELECT j->>'$.bundle.id' FROM src) ORDER BY a.rid
  ON CONFLICT (key) DO NOTHING;
INSERT OR IGNORE INTO article_topics (topic, article)
  SELECT tp.id, a.rid FROM articles a, json_each (a.topics) t JOIN topics tp ON tp.key = lower (t.value)
  WHERE a.bundle = (SELECT j->>'$.bundle.id' FROM src);
DELETE FROM topics WHERE id NOT IN (SELECT topic FROM article_topics);
UPDATE topics SET article_count = (SELECT count(*) FROM article_topics WHERE topic = topics.id);
COMMIT;
