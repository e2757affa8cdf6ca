-- Secret rotation: while a previous phone-hash secret is configured, an attempt is stored under both
-- hashes (phone_hash: the current secret's, previous_hash: the previous one's), so instances still on
-- the old secret count it too. One row per session either way: nothing is counted twice. Additive, so
-- instances of the previous release keep working during a rolling deploy.
ALTER TABLE call_attempt
    ADD COLUMN previous_hash bytea CHECK (previous_hash IS NULL OR octet_length(previous_hash) = 32);

CREATE INDEX call_attempt_previous_time_idx ON call_attempt (previous_hash, created_at)
    WHERE previous_hash IS NOT NULL;

-- The expiry of reservations never placed (reserved) and of placements whose outcome is unknown
-- (queued without a call SID): as small as the number of calls waiting to be placed.
CREATE INDEX call_session_unplaced_idx ON call_session (updated_at)
    WHERE status IN ('RESERVED', 'QUEUED') AND twilio_call_sid IS NULL;
