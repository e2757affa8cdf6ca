-- Practice sessions in the browser (microphone and speaker, no phone).
--
-- A browser session has no number, so no phone hash: its call_session row and its call_attempt row
-- (which the daily cap counts) hold NULL there. Such an attempt never matches a number's window
-- (NULL = ANY(...) is never true) but counts in the daily cap like any other, and the open session
-- counts in the concurrency cap. Additive: instances of the previous release keep working.
ALTER TABLE call_session ALTER COLUMN phone_hash DROP NOT NULL;
ALTER TABLE call_attempt ALTER COLUMN phone_hash DROP NOT NULL;

-- The single-use token that lets the page open its session's media socket, one row per browser
-- session. Only the token's SHA-256 is stored. The statement that admits a socket deletes the row,
-- so a token opens one socket however many instances race for it. A token never used goes with its
-- session's retention cleanup (no foreign key, as elsewhere: the limiter owns session rows).
CREATE TABLE browser_token (
    session_id  uuid        PRIMARY KEY,
    token_hash  bytea       NOT NULL CHECK (octet_length(token_hash) = 32),
    expires_at  timestamptz NOT NULL
);
