-- Issue 10 point 4: the network (keyed IP hash, worker/lib/hash.ts) that created a story, so that
-- story creation can be limited per network in the creating batch (worker/db/stories.ts
-- insertStoryIfMissing). NULL for stories created before, by staff or from an unknown network.
ALTER TABLE stories ADD COLUMN created_ip_hash TEXT;

CREATE INDEX stories_created_by_network ON stories (site_id, created_ip_hash, created_at)
  WHERE created_ip_hash IS NOT NULL;
