-- The retention purge (notify.MessageRecordsPurge) finds expired news by their age: without this
-- index each of its batches read the whole table. Portable SQL for H2 and PostgreSQL.
CREATE INDEX outbox_news_created ON outbox_news (created_at);
